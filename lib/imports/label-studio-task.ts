// A Label Studio task read for an import, without loss (https://labelstud.io/guide/task_format):
// - its data: the `data` object, or, as Label Studio itself accepts, the task's own fields when it
//   has no `data` wrapper ({"text": "..."});
// - every annotation (not cancelled), each with who made it, its lead time and date; the one marked
//   ground truth (else the first) is the item's reference;
// - every prediction, each under its own model_version with its score.
// A label the project lacks never costs the task its text: the lead chooses to add such labels
// (unknownLabels "ADD") or the annotation or prediction is left out and reported (`dropped`).
import { LABEL_STUDIO_ID_FIELD, LABEL_STUDIO_META_KEY, valueFromResults } from "@/lib/label-studio/format";
import { checkLabelValue, type LabelSpec, type RowLabels } from "@/lib/imports/label-values";
import { DEFAULT_PREDICTION_SOURCE, type ImportOptions } from "@/lib/imports/schemas";
import { labelNames, type SuggestionValue } from "@/lib/values/value";

type Task = { id?: unknown; data?: unknown; meta?: unknown; annotations?: unknown; completions?: unknown; predictions?: unknown };
type Annotation = { result?: unknown; was_cancelled?: unknown; ground_truth?: unknown; completed_by?: unknown; lead_time?: unknown; created_at?: unknown };
type Prediction = { result?: unknown; score?: unknown; model_version?: unknown };
type Problem = { reason: string; field: string };

/** Keys of a task that are Label Studio's own, never data (for a task without a `data` wrapper). */
const TASK_KEYS = new Set([
  "id",
  "data",
  "meta",
  "annotations",
  "completions",
  "predictions",
  "created_at",
  "updated_at",
  "inner_id",
  "project",
  "file_upload",
  "total_annotations",
  "cancelled_annotations",
  "total_predictions",
  "comment_count",
  "unresolved_comment_count",
  "last_comment_updated_at",
  "updated_by",
  "comment_authors",
  "drafts",
  "is_labeled",
  "overlap",
  "annotators",
]);

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

/** A task as a table row: its data fields, its meta kept apart, and an id in "external_id" (Goldset's exports put the item's id there; else the task id). */
export function readLabelStudioTask(task: Record<string, unknown>): { fields: Record<string, unknown> } | { bad: Problem } {
  const t = task as Task;
  if (t.data !== undefined && !isObject(t.data)) return { bad: { field: "data", reason: 'a Label Studio task\'s "data" must be an object' } };
  const data = isObject(t.data) ? t.data : Object.fromEntries(Object.entries(task).filter(([k]) => !TASK_KEYS.has(k)));
  const fields: Record<string, unknown> = { ...data };
  if (isObject(t.meta) && Object.keys(t.meta).length) fields[LABEL_STUDIO_META_KEY] = t.meta;
  if (fields[LABEL_STUDIO_ID_FIELD] === undefined && (typeof t.id === "number" || typeof t.id === "string")) fields[LABEL_STUDIO_ID_FIELD] = t.id;
  return { fields };
}

type Checked = { value: SuggestionValue } | { problem: string };

/**
 * A result list as a checked value. Names the project lacks are added to `spec` (and to `added`)
 * when the lead chose so; otherwise they are the problem. Any other problem leaves this one
 * annotation or prediction out, never the task.
 */
function checked(results: unknown, itemText: string, spec: LabelSpec, addUnknown: boolean, added: Set<string>): Checked {
  const shaped = valueFromResults(results, spec.taskType);
  if ("error" in shaped) return { problem: shaped.error };
  const known = new Set(spec.labels.map((l) => l.toLowerCase()));
  const unknown = [...new Set(labelNames(shaped.value).filter((n) => !known.has(n.trim().toLowerCase())))];
  if (unknown.length && !addUnknown)
    return { problem: `the project has no label ${unknown.map((u) => `"${u}"`).join(", ")} (import with "add missing labels", or add them in Settings)` };
  for (const name of unknown) {
    spec.labels.push(name.trim());
    added.add(name.trim());
  }
  const r = checkLabelValue(shaped.value, spec, itemText);
  return "error" in r ? { problem: r.error } : { value: r.value };
}

const text = (v: unknown) => (typeof v === "string" || typeof v === "number" ? String(v) : null);
const annotatorOf = (by: unknown) => (isObject(by) ? (text(by.email) ?? text(by.id)) : text(by));

export function readLabelStudioLabels(task: Record<string, unknown>, itemText: string, options: ImportOptions, spec: LabelSpec): { labels: RowLabels } {
  const t = task as Task;
  const labels: RowLabels = { annotations: [], predictions: [], dropped: [], addedLabels: [] };
  const added = new Set<string>();
  const addUnknown = options.unknownLabels === "ADD";
  const annotations = ((Array.isArray(t.annotations) ? t.annotations : Array.isArray(t.completions) ? t.completions : []) as Annotation[]).filter(
    (a) => isObject(a) && a.was_cancelled !== true,
  );
  annotations.forEach((a, i) => {
    const r = checked(a.result, itemText, spec, addUnknown, added);
    if ("problem" in r) return labels.dropped!.push({ field: "annotations", reason: `annotation ${i + 1} not imported: ${r.problem}; the task's text was` });
    const leadTime = typeof a.lead_time === "number" && Number.isFinite(a.lead_time) ? a.lead_time : null;
    labels.annotations!.push({
      value: r.value,
      annotator: annotatorOf(a.completed_by),
      leadTime,
      createdAt: text(a.created_at),
      groundTruth: a.ground_truth === true,
    });
  });
  const kept = labels.annotations!;
  const reference = kept.find((a) => a.groundTruth) ?? kept[0];
  if (reference) labels.reference = reference.value;

  const predictions = (Array.isArray(t.predictions) ? t.predictions : []).filter(isObject) as Prediction[];
  predictions.forEach((p, i) => {
    const named = (typeof p.model_version === "string" && p.model_version.trim()) || options.predictionSource || DEFAULT_PREDICTION_SOURCE;
    // An import that names a source keeps only that model's predictions (as before); else every model's.
    if (options.predictionSource && named !== options.predictionSource) return;
    const r = checked(p.result, itemText, spec, addUnknown, added);
    if ("problem" in r)
      return labels.dropped!.push({ field: "predictions", reason: `prediction ${i + 1} (${named}) not imported: ${r.problem}; the task's text was` });
    const score = typeof p.score === "number" && p.score >= 0 && p.score <= 1 ? p.score : null;
    // One suggestion per model and item: a model's later prediction for the task replaces its earlier one.
    const source = named.slice(0, 80);
    labels.predictions = [...labels.predictions!.filter((x) => x.source !== source), { value: r.value, confidence: score, source }];
  });
  labels.addedLabels = [...added];
  return { labels };
}
