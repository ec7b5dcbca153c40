"use client";
// The reviewer's latest decisions, to look back and change one (undo only reaches the last). A
// change is versioned: if the decision changed meanwhile (another tab), the current value is shown
// instead of being overwritten.
import { swapSides } from "@/lib/pairwise/labels";
import { taskTypeDef, type TaskType, type ValueView } from "@/lib/task-types";
import { useCallback, useEffect, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";

/** swapped: a pairwise item this person saw with B on the left (values are canonical; the list names sides as they were shown). */
type Row = {
  id: string;
  itemId: number;
  action: string;
  value: ValueView | null;
  blind: boolean;
  version: number;
  createdAt: string;
  externalId: string;
  excerpt: string;
  swapped?: boolean | null;
};
const SIDE_TITLES: Record<string, string> = { A: "A is better", B: "B is better", tie: "Tie", both_bad: "Both bad" };
/** A pair's label as this person saw it (swapSides is its own inverse: shown to canonical and back). */
const asShown = (label: string, swapped: boolean | null | undefined) => (swapped ? swapSides(label) : label);
const describe = (v: Row["value"], swapped?: boolean | null) =>
  !v
    ? "skipped"
    : v.label
      ? swapped === null || swapped === undefined
        ? v.label
        : (SIDE_TITLES[asShown(v.label, swapped)] ?? v.label)
      : v.labels
        ? v.labels.join(", ") || "(none)"
        : (v.spans ?? []).map((s) => `${s.label}: ${s.text}`).join("; ") || "(no spans)";

export function RecentDecisions({ projectId, taskType, labels, refreshKey }: { projectId: string; taskType: TaskType; labels: string[]; refreshKey: number }) {
  const base = `/api/v1/projects/${projectId}/review/decisions`;
  const [open, setOpen] = useState(false);
  const [rows, setRows] = useState<Row[] | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const load = useCallback(
    () =>
      fetch(base, { cache: "no-store" })
        .then((res) => (res.ok ? res.json() : null))
        .then((body) => body && setRows(body.decisions)),
    [base],
  );
  // Opened, or a decision was made while it is open: read the list again.
  useEffect(() => {
    if (!open) return;
    let gone = false;
    fetch(base, { cache: "no-store" })
      .then((res) => (res.ok ? res.json() : null))
      .then((body) => !gone && body && setRows(body.decisions));
    return () => {
      gone = true;
    };
  }, [open, base, refreshKey]);

  async function save(row: Row, value: ValueView) {
    const res = await fetch(`${base}/${row.id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ value, version: row.version }),
    });
    const body = await res.json().catch(() => ({}));
    if (res.ok) setMessage(`Changed ${row.externalId} to ${describe(value, row.swapped)}.`);
    else
      setMessage(
        res.status === 409
          ? `${row.externalId} was changed elsewhere meanwhile; this list now shows its current answer.`
          : (body.error?.message ?? "Not saved."),
      );
    setEditing(null);
    await load();
  }

  return (
    <details
      className="rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm"
      onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}
      data-testid="recent-decisions"
    >
      <summary className="cursor-pointer font-medium">Your recent decisions</summary>
      {message && (
        <p role="status" className="mt-2 text-slate-700">
          {message}
        </p>
      )}
      {rows === null ? (
        <p className="mt-2 text-slate-500">Loading…</p>
      ) : rows.length === 0 ? (
        <p className="mt-2 text-slate-500">Nothing decided yet in this project.</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-100">
          {rows.map((r) => (
            <li key={r.id} className="py-2">
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-mono text-xs text-slate-500">{r.externalId}</span>
                <span className="font-medium">{describe(r.value, r.swapped)}</span>
                {r.blind && <Badge tone="amber">blind</Badge>}
                <span className="text-xs text-slate-500">{new Date(r.createdAt).toLocaleTimeString()}</span>
                {r.value && taskTypeDef(taskType).field !== "spans" && editing !== r.id && (
                  <Button size="sm" variant="ghost" onClick={() => setEditing(r.id)} aria-label={`Change the answer for ${r.externalId}`}>
                    Change
                  </Button>
                )}
              </div>
              <p className="mt-0.5 line-clamp-1 text-xs text-slate-600">{r.excerpt}</p>
              {editing === r.id && <EditValue row={r} taskType={taskType} labels={labels} onSave={(v) => save(r, v)} onCancel={() => setEditing(null)} />}
            </li>
          ))}
        </ul>
      )}
      {taskTypeDef(taskType).field === "spans" && (
        <p className="mt-2 text-xs text-slate-500">Span answers are changed with Undo (your last one) or by a lead on the item&apos;s page.</p>
      )}
    </details>
  );
}

function EditValue({
  row,
  taskType,
  labels,
  onSave,
  onCancel,
}: {
  row: Row;
  taskType: string;
  labels: string[];
  onSave: (v: object) => void;
  onCancel: () => void;
}) {
  // A pair's options are its sides as shown; the saved value is canonical again.
  const pair = row.swapped !== null && row.swapped !== undefined;
  const [picked, setPicked] = useState<string[]>(row.value?.labels ?? (row.value?.label ? [asShown(row.value.label, row.swapped)] : []));
  const multi = taskTypeDef(taskType).field === "labels";
  return (
    <form
      className="mt-2 flex flex-wrap items-center gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(multi ? { labels: picked } : { label: asShown(picked[0], row.swapped) });
      }}
    >
      <fieldset className="flex flex-wrap gap-2">
        <legend className="sr-only">New answer for {row.externalId}</legend>
        {labels.map((l) => (
          <label key={l} className="flex items-center gap-1">
            <input
              type={multi ? "checkbox" : "radio"}
              name={`edit-${row.id}`}
              checked={picked.includes(l)}
              onChange={(e) => setPicked(multi ? (e.target.checked ? [...picked, l] : picked.filter((x) => x !== l)) : [l])}
            />
            {pair ? (SIDE_TITLES[l] ?? l) : l}
          </label>
        ))}
      </fieldset>
      <Button size="sm" type="submit" disabled={!multi && !picked.length}>
        Save
      </Button>
      <Button size="sm" variant="ghost" onClick={onCancel}>
        Cancel
      </Button>
    </form>
  );
}
