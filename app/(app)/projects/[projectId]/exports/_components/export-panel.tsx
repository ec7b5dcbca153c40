"use client";
// Start an export and watch it: the list polls while anything is running, then offers the file and its sha256.
import { useCallback, useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { ProgressBar } from "@/components/ui/progress-bar";
import { EmptyState } from "@/components/ui/empty-state";
import { FINETUNE_FORMATS, FORMAT_INFO, EXPORT_FORMATS, type ExportFormat } from "@/lib/exports/options";
import { HF_LICENSES } from "@/lib/exports/options";

export type ExportRow = {
  id: string;
  format: ExportFormat;
  status: string;
  rowsDone: number;
  rowsTotal: number | null;
  sha256: string | null;
  bytes: number | null;
  fileName: string;
  error: string | null;
  createdAt: string;
  expiresAt: string | null;
  fileDeletedAt: string | null;
};

const day = (iso: string) => new Date(iso).toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" });

/** Formats a pairwise project has no use for: Label Studio's task would lose the responses, a chat has no answer to teach. */
const NOT_FOR_PAIRS = new Set<ExportFormat>(["LABEL_STUDIO", "FINETUNE_CHAT", "FINETUNE_CLAUDE"]);

export function ExportPanel({
  projectId,
  versions,
  initial,
  retentionDays,
  pairwise = false,
}: {
  projectId: string;
  versions: { id: string; number: number; externalSource: string | null; learnerTrainingId: string | null }[];
  initial: ExportRow[];
  retentionDays: number;
  pairwise?: boolean;
}) {
  const base = `/api/v1/projects/${projectId}/exports`;
  const [exports, setExports] = useState<ExportRow[]>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [format, setFormat] = useState<ExportFormat>("JSONL");
  const refresh = useCallback(async () => {
    const res = await fetch(base);
    if (res.ok) setExports((await res.json()).exports);
  }, [base]);
  const running = exports.some((e) => e.status === "QUEUED" || e.status === "RUNNING");
  useEffect(() => {
    if (!running) return;
    const t = setInterval(() => void refresh(), 1000);
    return () => clearInterval(t);
  }, [running, refresh]);

  async function start(form: FormData) {
    setBusy(true);
    setErrors({});
    const split = form.get("split") === "on";
    const body = {
      format: form.get("format"),
      scope: form.get("scope"),
      includeBlind: form.get("includeBlind") === "on",
      includeAuto: form.get("includeAuto") === "on",
      includeSynthetic: form.get("includeSynthetic") === "on",
      rawText: form.get("rawText") === "on",
      ...(format === "LABEL_STUDIO" && String(form.get("labelStudioConfig") ?? "").trim() ? { labelStudioConfig: String(form.get("labelStudioConfig")) } : {}),
      ...(format === "HF_DATASET"
        ? {
            license: form.get("license"),
            languages: String(form.get("languages") ?? "")
              .split(/[\s,]+/)
              .filter(Boolean),
          }
        : {}),
      promptVersionId: form.get("promptVersionId") || null,
      split: split ? { testShare: Number(form.get("testShare")) / 100, seed: form.get("seed") } : null,
    };
    const res = await fetch(base, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    setBusy(false);
    if (!res.ok) {
      const b = await res.json().catch(() => ({}));
      setErrors({ form: b.error?.message ?? "The export could not start.", ...(b.error?.fieldErrors ?? {}) });
      return;
    }
    await refresh();
  }

  async function act(id: string, verb: "retry" | "cancel") {
    const res = await fetch(`${base}/${id}/${verb}`, { method: "POST" });
    if (!res.ok) {
      const b = await res.json().catch(() => ({}));
      setErrors({ form: b.error?.message ?? (verb === "retry" ? "The export could not start again." : "The export could not be cancelled.") });
    }
    await refresh();
  }

  return (
    <div className="space-y-6">
      <form action={start} className="grid gap-4 rounded-lg border border-slate-200 bg-white p-5 md:grid-cols-3" aria-label="New export">
        <Field id="format" label="Format" hint={undefined}>
          <Select id="format" name="format" defaultValue="JSONL" onChange={(e) => setFormat(e.target.value as ExportFormat)}>
            {EXPORT_FORMATS.filter((f) => !pairwise || !NOT_FOR_PAIRS.has(f)).map((f) => (
              <option key={f} value={f} title={FORMAT_INFO[f].help}>
                {pairwise && f === "PREFERENCE" ? "Preference pairs (DPO)" : FORMAT_INFO[f].label}
              </option>
            ))}
          </Select>
        </Field>
        {format === "LABEL_STUDIO" && (
          <Field
            id="labelStudioConfig"
            label="Labeling config of the Label Studio project (optional)"
            hint="Paste it from Label Studio (Settings, Labeling Interface, Code) so the regions carry its tag names. Without it: the names the last Label Studio import used, else label and text."
            error={errors.labelStudioConfig}
          >
            <textarea
              id="labelStudioConfig"
              name="labelStudioConfig"
              rows={4}
              className="w-full rounded-md border border-slate-300 p-2 font-mono text-xs"
              placeholder={'<View>\n  <Text name="text" value="$text"/>\n  <Choices name="label" toName="text">…'}
            />
          </Field>
        )}
        {format === "HF_DATASET" && (
          <>
            <Field id="license" label="Licence (dataset card)" error={errors.license}>
              <Select id="license" name="license" defaultValue="unknown">
                {HF_LICENSES.map((l) => (
                  <option key={l} value={l}>
                    {l}
                  </option>
                ))}
              </Select>
            </Field>
            <Field id="languages" label="Languages (dataset card)" hint="ISO 639 codes, e.g. en, de" error={errors["languages.0"] ?? errors.languages}>
              <Input id="languages" name="languages" placeholder="en" />
            </Field>
          </>
        )}
        <Field id="scope" label="Items">
          <Select id="scope" name="scope" defaultValue="GOLD">
            <option value="GOLD">Gold only</option>
            <option value="REVIEWED">All reviewed</option>
            <option value="SUGGESTED">Everything with a suggestion</option>
            <option value="ALL">Every item</option>
          </Select>
        </Field>
        <Field id="promptVersionId" label="Suggestion from">
          <Select id="promptVersionId" name="promptVersionId" defaultValue="">
            <option value="">Each item&apos;s latest</option>
            {versions.map((v) => (
              <option key={v.id} value={v.id}>
                {v.externalSource
                  ? `v${v.number} · imported: ${v.externalSource}`
                  : v.learnerTrainingId
                    ? `v${v.number} · task learner`
                    : `Prompt v${v.number}`}
              </option>
            ))}
          </Select>
        </Field>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="includeBlind" defaultChecked /> Include the blind slice
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="includeAuto" defaultChecked /> Include auto-accepted labels (marked <code>AUTO</code> in the file)
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="includeSynthetic" defaultChecked /> Include synthetic items people kept (the <code>origin</code> column says which)
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="rawText" /> CSV: texts exactly as they are (by default a cell starting with = + - @ gets an apostrophe, so a spreadsheet
          does not run it)
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="split" /> Train/test split, stratified by label
        </label>
        <div className="flex gap-2">
          <Field id="testShare" label="Test %" error={errors["split.testShare"]}>
            <Input id="testShare" name="testShare" type="number" min={1} max={90} defaultValue={20} />
          </Field>
          <Field id="seed" label="Seed" error={errors["split.seed"]}>
            <Input id="seed" name="seed" defaultValue="42" />
          </Field>
        </div>
        <div className="md:col-span-3 flex items-center gap-3">
          <Button type="submit" disabled={busy}>
            {busy ? "Starting…" : "Export"}
          </Button>
          {errors.form && (
            <p className="text-sm text-red-700" role="alert">
              {errors.form}
            </p>
          )}
        </div>
      </form>

      {exports.length === 0 ? (
        <EmptyState title="No exports yet">Choose a format above. The same options over the same data always give the same file (same sha256).</EmptyState>
      ) : (
        <ul className="space-y-3" data-testid="export-list">
          {exports.map((e) => (
            <li key={e.id} className="rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="export-row">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span className="font-medium">
                  {FORMAT_INFO[e.format].label} · {new Date(e.createdAt).toLocaleString()}
                </span>
                {e.status === "DONE" && !e.fileDeletedAt ? (
                  <span className="flex flex-wrap gap-x-3">
                    <a className="text-indigo-700 underline" href={`${base}/${e.id}`} download={e.fileName}>
                      Download {e.fileName} ({((e.bytes ?? 0) / 1024).toFixed(1)} KB)
                    </a>
                    <span data-testid="export-datasheet">
                      datasheet:{" "}
                      <a className="text-indigo-700 underline" href={`${base}/${e.id}?part=datasheet.md`} download>
                        Markdown
                      </a>{" "}
                      ·{" "}
                      <a className="text-indigo-700 underline" href={`${base}/${e.id}?part=datasheet.json`} download>
                        JSON
                      </a>
                    </span>
                    {FINETUNE_FORMATS.includes(e.format) && (
                      <a className="text-indigo-700 underline" href={`${base}/${e.id}?part=provenance`} download data-testid="export-provenance">
                        provenance (line by line)
                      </a>
                    )}
                  </span>
                ) : e.status === "DONE" ? (
                  <span className="text-slate-500" data-testid="export-expired">
                    File deleted on {day(e.fileDeletedAt!)} (files are kept {retentionDays} days): export again to get it
                  </span>
                ) : e.status === "FAILED" || e.status === "CANCELLED" ? (
                  <span className={`flex items-center gap-3 ${e.status === "FAILED" ? "text-red-700" : "text-slate-600"}`}>
                    {e.status === "FAILED" ? `Failed: ${e.error}` : "Cancelled"}
                    <Button type="button" variant="secondary" size="sm" onClick={() => void act(e.id, "retry")}>
                      Start again
                    </Button>
                  </span>
                ) : (
                  <span className="flex items-center gap-3 text-slate-500">
                    {e.status === "QUEUED" ? "waiting" : "writing"}
                    <Button type="button" variant="secondary" size="sm" onClick={() => void act(e.id, "cancel")}>
                      Cancel
                    </Button>
                  </span>
                )}
              </div>
              {e.expiresAt && (
                <p className="mt-1 text-xs text-slate-500" data-testid="export-expires">
                  Kept until {day(e.expiresAt)}, then deleted ({retentionDays} days after it finished).
                </p>
              )}
              {(e.status === "RUNNING" || e.status === "QUEUED") && (
                <ProgressBar
                  className="mt-2"
                  value={e.rowsTotal ? e.rowsDone / e.rowsTotal : 0}
                  label={`${e.rowsDone.toLocaleString()} of ${e.rowsTotal?.toLocaleString() ?? "?"} rows`}
                />
              )}
              {e.sha256 && (
                <p className="mt-1 font-mono text-xs break-all text-slate-500" data-testid="export-sha256">
                  {e.rowsTotal?.toLocaleString()} rows · sha256 {e.sha256}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
