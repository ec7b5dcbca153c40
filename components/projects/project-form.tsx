"use client";
// Create and edit a project: name, task type, labels (name, description, color, hotkey), guidelines.
// A rubric's labels are its criteria: each has a scale (lowest and highest level) and anchors.
import { JsForm } from "@/components/ui/js-form";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input, Select, Textarea } from "@/components/ui/field";
import { LABEL_COLORS } from "@/lib/projects/schemas";
import { DEFAULT_SCALE, taskTypeDef, TASK_TYPES, TASK_TYPE_NAMES, type Scale, type TaskType } from "@/lib/task-types";
import type { ActionResult } from "@/lib/action-result";
import { GuidelinesView } from "@/components/projects/guidelines-view";

/** scaleMin, scaleMax, anchors (one line per level, lowest first): a criterion's scale as typed. */
type LabelDraft = {
  key: string;
  id?: string;
  name: string;
  description: string;
  color: string;
  hotkey: string;
  scaleMin: string;
  scaleMax: string;
  anchors: string;
};
type FormLabel = { id?: string; name: string; description: string; color: string; hotkey: string | null; scale?: Scale | null };
export type ProjectFormValues = {
  name: string;
  description: string;
  taskType: TaskType;
  guidelines: string;
  labels: FormLabel[];
  /** Pairwise projects: offer "both bad" beside A, B and tie (their labels are otherwise fixed). */
  pairwiseBothBad?: boolean;
  /** Existing labels taken out, and what happens to the values that use them. */
  removedLabels?: { id: string; action: "RETIRE" | "MERGE"; into?: string }[];
};
type Removed = { id: string; name: string; action: "RETIRE" | "MERGE"; into: string };

let nextKey = 0;
const draft = (l: Partial<LabelDraft> = {}, i = 0): LabelDraft => ({
  key: `l${nextKey++}`,
  name: "",
  description: "",
  color: LABEL_COLORS[i % LABEL_COLORS.length],
  hotkey: i < 9 ? String(i + 1) : "",
  scaleMin: String(DEFAULT_SCALE.min),
  scaleMax: String(DEFAULT_SCALE.max),
  anchors: "",
  ...l,
});

const fromLabel = (l: FormLabel, i: number) =>
  draft(
    {
      id: l.id,
      name: l.name,
      description: l.description,
      color: l.color,
      hotkey: l.hotkey ?? "",
      ...(l.scale ? { scaleMin: String(l.scale.min), scaleMax: String(l.scale.max), anchors: l.scale.anchors.join("\n") } : {}),
    },
    i,
  );

/** The typed scale; the server checks it (levels, at most 10, anchors no more than levels). */
function scaleOfDraft(l: LabelDraft): Scale {
  const anchors = l.anchors.split("\n").map((a) => a.trim());
  while (anchors.length && !anchors.at(-1)) anchors.pop();
  return { min: Number(l.scaleMin), max: Number(l.scaleMax), anchors };
}

export function ProjectForm({
  initial,
  retired = [],
  taskTypeLocked,
  submitLabel,
  onSubmit,
}: {
  initial?: ProjectFormValues;
  /** Labels retired earlier: they can be brought back. */
  retired?: { id: string; name: string; description: string; color: string }[];
  taskTypeLocked?: boolean;
  submitLabel: string;
  onSubmit: (values: ProjectFormValues) => Promise<ActionResult<unknown>>;
}) {
  const [labels, setLabels] = useState<LabelDraft[]>(initial ? initial.labels.map(fromLabel) : [draft({}, 0), draft({}, 1)]);
  const [removed, setRemoved] = useState<Removed[]>([]);
  const [taskType, setTaskType] = useState<ProjectFormValues["taskType"]>(initial?.taskType ?? "SINGLE_LABEL");
  const pairwise = taskTypeDef(taskType).content === "pair";
  const criteria = taskTypeDef(taskType).criteria;
  const noun = criteria ? "criterion" : "label";
  const [guidelines, setGuidelines] = useState(initial?.guidelines ?? "");
  const [preview, setPreview] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string>();
  const [pending, setPending] = useState(false);

  const update = (key: string, patch: Partial<LabelDraft>) => setLabels((ls) => ls.map((l) => (l.key === key ? { ...l, ...patch } : l)));

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const values: ProjectFormValues = {
      name: String(form.get("name") ?? ""),
      description: String(form.get("description") ?? ""),
      taskType: String(form.get("taskType") ?? initial?.taskType ?? "") as ProjectFormValues["taskType"],
      guidelines,
      // A pairwise project's labels are fixed (the server sets them).
      labels: pairwise
        ? []
        : labels.map((l) => ({
            id: l.id,
            name: l.name,
            description: l.description,
            color: l.color,
            hotkey: criteria ? null : l.hotkey || null,
            scale: criteria ? scaleOfDraft(l) : null,
          })),
      pairwiseBothBad: pairwise && form.get("pairwiseBothBad") === "on",
      removedLabels: pairwise ? [] : removed.map(({ id, action, into }) => ({ id, action, into: action === "MERGE" ? into : undefined })),
    };
    setPending(true);
    const res = await onSubmit(values);
    setPending(false);
    if (!res.ok) {
      setErrors(res.fieldErrors ?? {});
      setMessage(res.message);
    } else {
      setErrors({});
      setMessage(undefined);
      setRemoved([]);
    }
  }

  return (
    <JsForm onSubmit={submit} className="space-y-6">
      <FormError message={message} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="name" label="Name" error={errors.name}>
          <Input id="name" name="name" defaultValue={initial?.name} error={errors.name} required autoFocus />
        </Field>
        <Field id="taskType" label="Task type" error={errors.taskType} hint={taskTypeLocked ? "Fixed once items are imported." : undefined}>
          <Select
            id="taskType"
            name="taskType"
            value={taskType}
            onChange={(e) => setTaskType(taskTypeDef(e.target.value).name)}
            disabled={taskTypeLocked}
            error={errors.taskType}
          >
            {TASK_TYPE_NAMES.map((t) => (
              <option key={t} value={t}>
                {TASK_TYPES[t].title}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Field id="description" label="Description" error={errors.description}>
        <Textarea id="description" name="description" rows={2} defaultValue={initial?.description} error={errors.description} />
      </Field>

      {pairwise && (
        <fieldset className="space-y-2 rounded-md border border-slate-200 p-3" data-testid="pairwise-labels">
          <legend className="px-1 text-sm font-medium text-slate-700">Labels</legend>
          <p className="text-sm text-slate-600">
            Each item is a prompt with two responses. Reviewers and the judge answer <strong>A</strong> (key a), <strong>B</strong> (key b) or{" "}
            <strong>tie</strong> (key t). Write what makes a response better in the guidelines: they are the judge&apos;s rubric too.
          </p>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="pairwiseBothBad" defaultChecked={initial?.pairwiseBothBad ?? false} className="h-4 w-4" />
            Also offer &ldquo;both bad&rdquo; (key n), for pairs where neither response should be preferred
          </label>
        </fieldset>
      )}
      <fieldset className={pairwise ? "hidden" : "space-y-3"}>
        <legend className="text-sm font-medium text-slate-700">{criteria ? "Rubric criteria" : "Labels"}</legend>
        <p className="text-xs text-slate-500">
          {criteria
            ? "Each criterion is rated on its own scale of whole levels (at most 10). Anchors say what a level means, one line per level from the lowest; reviewers and the model see them. Reviewers type a level with its digit key."
            : "Hotkeys are single letters or digits that annotators press to choose a label (s and u are kept for skip and undo)."}
        </p>
        {errors.labels && (
          <p role="alert" className="text-xs font-medium text-red-600">
            {errors.labels}
          </p>
        )}
        <ol className="space-y-3">
          {labels.map((l, i) => {
            const err = (f: string) => errors[`labels.${i}.${f}`];
            return (
              // On a phone the description takes a row of its own, so nothing scrolls sideways.
              <li
                key={l.key}
                className="grid grid-cols-[minmax(0,1fr)_2.75rem_3.5rem_auto] items-start gap-2 rounded-md border border-slate-200 p-3 sm:grid-cols-[minmax(8rem,1fr)_2fr_2.75rem_3.5rem_auto]"
              >
                <div>
                  <Input
                    aria-label={`Label ${i + 1} name`}
                    placeholder="Name"
                    value={l.name}
                    onChange={(e) => update(l.key, { name: e.target.value })}
                    error={err("name")}
                  />
                  {err("name") && <p className="mt-1 text-xs text-red-600">{err("name")}</p>}
                </div>
                <Input
                  aria-label={`Label ${i + 1} description`}
                  placeholder="Description (shown to annotators and the model)"
                  className="order-last col-span-4 sm:order-none sm:col-span-1"
                  value={l.description}
                  onChange={(e) => update(l.key, { description: e.target.value })}
                />
                <input
                  aria-label={`Label ${i + 1} color`}
                  type="color"
                  value={l.color}
                  onChange={(e) => update(l.key, { color: e.target.value })}
                  className="h-9 w-10 cursor-pointer rounded border border-slate-300"
                />
                <div className={criteria ? "invisible" : undefined}>
                  <Input
                    aria-label={`Label ${i + 1} hotkey`}
                    placeholder="Key"
                    maxLength={1}
                    className="text-center"
                    value={l.hotkey}
                    onChange={(e) => update(l.key, { hotkey: e.target.value.toLowerCase() })}
                    error={err("hotkey")}
                  />
                  {err("hotkey") && <p className="mt-1 text-xs text-red-600">{err("hotkey")}</p>}
                </div>
                <Button
                  variant="ghost"
                  size="sm"
                  aria-label={`Remove label ${i + 1}`}
                  onClick={() => {
                    setLabels((ls) => ls.filter((x) => x.key !== l.key));
                    // An existing label may have data: the lead chooses what happens to it below.
                    const before = initial?.labels.find((x) => x.id && x.id === l.id);
                    if (before?.id) setRemoved((r) => [...r, { id: before.id!, name: before.name, action: "RETIRE", into: "" }]);
                  }}
                >
                  Remove
                </Button>
                {criteria && <ScaleFields index={i} draft={l} errors={errors} onChange={(patch) => update(l.key, patch)} />}
              </li>
            );
          })}
        </ol>
        <Button variant="secondary" size="sm" onClick={() => setLabels((ls) => [...ls, draft({}, ls.length)])}>
          Add {noun}
        </Button>
        {removed.length > 0 && (
          <div className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3" data-testid="removed-labels">
            <p className="text-sm font-medium text-amber-900">Removed labels</p>
            <p className="text-xs text-amber-900">
              Suggestions, decisions and gold that use a removed label keep it unless you merge it into another label. A retired label is hidden from reviewers
              and the model; a label nothing uses is simply deleted.
            </p>
            {removed.map((r) => (
              <div key={r.id} className="flex flex-wrap items-center gap-2 text-sm">
                <span className="font-medium">{r.name}</span>
                <Select
                  aria-label={`What happens to ${r.name}`}
                  value={r.action === "MERGE" ? `merge:${r.into}` : "retire"}
                  onChange={(e) => {
                    const v = e.target.value;
                    setRemoved((all) =>
                      all.map((x) =>
                        x.id === r.id ? { ...x, action: v === "retire" ? "RETIRE" : "MERGE", into: v.startsWith("merge:") ? v.slice(6) : "" } : x,
                      ),
                    );
                  }}
                  className="w-auto"
                  error={errors[`removed.${r.id}`]}
                >
                  <option value="retire">Retire it (keep its values)</option>
                  {labels
                    .filter((l) => l.name.trim())
                    .map((l) => (
                      <option key={l.key} value={`merge:${l.name}`}>
                        Merge into {l.name}
                      </option>
                    ))}
                </Select>
                <Button
                  variant="ghost"
                  size="sm"
                  onClick={() => {
                    const back = initial?.labels.find((x) => x.id === r.id);
                    setRemoved((all) => all.filter((x) => x.id !== r.id));
                    if (back) setLabels((ls) => [...ls, fromLabel(back, ls.length)]);
                  }}
                >
                  Keep it
                </Button>
                {errors[`removed.${r.id}`] && <span className="text-xs text-red-600">{errors[`removed.${r.id}`]}</span>}
              </div>
            ))}
          </div>
        )}
        {retired.length > 0 && (
          <div className="text-sm text-slate-600">
            <span>Retired labels: </span>
            {retired.map((r) => (
              <Button
                key={r.id}
                variant="ghost"
                size="sm"
                disabled={labels.some((l) => l.id === r.id)}
                onClick={() => setLabels((ls) => [...ls, draft({ id: r.id, name: r.name, description: r.description, color: r.color, hotkey: "" }, ls.length)])}
              >
                Restore {r.name}
              </Button>
            ))}
          </div>
        )}
      </fieldset>

      <div className="space-y-2">
        <div className="flex items-center justify-between">
          <label htmlFor="guidelines" className="text-sm font-medium text-slate-700">
            Guidelines (Markdown)
          </label>
          <Button variant="ghost" size="sm" onClick={() => setPreview((p) => !p)}>
            {preview ? "Edit" : "Preview"}
          </Button>
        </div>
        {preview ? (
          <div className="min-h-32 rounded-md border border-slate-200 bg-white p-3">
            <GuidelinesView markdown={guidelines} />
          </div>
        ) : (
          <Textarea
            id="guidelines"
            rows={10}
            value={guidelines}
            onChange={(e) => setGuidelines(e.target.value)}
            error={errors.guidelines}
            className="font-mono"
            placeholder="How should annotators decide? Give examples and edge cases."
          />
        )}
        {errors.guidelines && <p className="text-xs text-red-600">{errors.guidelines}</p>}
      </div>

      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : submitLabel}
      </Button>
    </JsForm>
  );
}

/** A criterion's scale: lowest and highest level, and an anchor per level. */
function ScaleFields({
  index,
  draft: l,
  errors,
  onChange,
}: {
  index: number;
  draft: LabelDraft;
  errors: Record<string, string>;
  onChange: (patch: Partial<LabelDraft>) => void;
}) {
  const err = (f: string) => errors[`labels.${index}.scale.${f}`] ?? errors[`labels.${index}.scale`];
  const levels = Number(l.scaleMax) - Number(l.scaleMin) + 1;
  return (
    <div className="order-last col-span-4 grid gap-2 sm:col-span-5 sm:grid-cols-[auto_1fr]" data-testid={`scale-${index}`}>
      <div className="flex items-center gap-2 text-sm text-slate-700">
        <span>Scale from</span>
        <Input
          aria-label={`Criterion ${index + 1} lowest level`}
          type="number"
          min={0}
          max={9}
          className="w-16"
          value={l.scaleMin}
          onChange={(e) => onChange({ scaleMin: e.target.value })}
          error={err("min")}
        />
        <span>to</span>
        <Input
          aria-label={`Criterion ${index + 1} highest level`}
          type="number"
          min={1}
          max={10}
          className="w-16"
          value={l.scaleMax}
          onChange={(e) => onChange({ scaleMax: e.target.value })}
          error={err("max")}
        />
      </div>
      <div>
        <Textarea
          aria-label={`Criterion ${index + 1} anchors`}
          rows={Math.min(Math.max(levels, 2), 5)}
          placeholder={`One line per level, from ${l.scaleMin || "the lowest"}: what it means (optional)`}
          value={l.anchors}
          onChange={(e) => onChange({ anchors: e.target.value })}
          error={err("anchors")}
        />
        {err("max") || err("min") || err("anchors") ? <p className="mt-1 text-xs text-red-600">{err("max") || err("min") || err("anchors")}</p> : null}
      </div>
    </div>
  );
}
