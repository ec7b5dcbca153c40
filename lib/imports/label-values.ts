// Label columns of an import: the labels a team already has (reference labels) and another model's
// predictions, read from a row and checked like a reviewer's decision (known labels, spans that
// quote the item's text at their offsets). A value that does not fit makes the whole row a bad row
// with its line and field, so the file can be fixed and imported again (rows already in are kept,
// and their labels are then applied).
import { decisionValueSchema } from "@/lib/values/schema";
import { DEFAULT_PREDICTION_SOURCE, type ImportOptions } from "@/lib/imports/schemas";
import { type Span, type SuggestionValue, type TaskType } from "@/lib/values/value";
import { taskTypeDef, type Scales } from "@/lib/task-types";

export type LabelSpec = { taskType: TaskType; labels: string[]; scales?: Scales };
/** versionId: the source's stand-in prompt version, set by the import runner before the chunk is written. */
export type RowPrediction = { value: SuggestionValue; confidence: number | null; source: string; versionId?: string };
/** One annotation of a Label Studio task, kept with who made it and when. */
export type RowAnnotation = { value: SuggestionValue; annotator: string | null; leadTime: number | null; createdAt: string | null; groundTruth: boolean };
/**
 * reference: the item's reference label; annotations: every annotation it came from (Label Studio);
 * predictions: one per model; dropped: annotations or predictions left out (an unknown label), the
 * row itself imported; addedLabels: labels the file had that the import adds to the project.
 */
export type RowLabels = {
  reference?: SuggestionValue;
  annotations?: RowAnnotation[];
  predictions?: RowPrediction[];
  dropped?: Problem[];
  addedLabels?: string[];
};
export type Problem = { reason: string; field: string };

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && !v.trim());

/** Label names as written in the file, matched to the project's: exactly, else ignoring case and edge spaces. */
function matchLabel(name: string, labels: string[]): string {
  if (labels.includes(name)) return name;
  const wanted = name.trim().toLowerCase();
  return labels.find((l) => l.toLowerCase() === wanted) ?? name;
}

/** A JSON string in a CSV cell ("[...]" or "{...}") is read as JSON; anything else stays a string. */
function maybeJson(raw: unknown): unknown {
  if (typeof raw !== "string") return raw;
  const t = raw.trim();
  if (!(t.startsWith("[") || t.startsWith("{"))) return raw;
  try {
    return JSON.parse(t);
  } catch {
    return raw;
  }
}

/** The shapes a cell may take, before the labels are checked: the task type's reading of a cell. */
const shapeOf = (raw: unknown, taskType: TaskType): unknown => taskTypeDef(taskType).fromCell(maybeJson(raw));

/** Known label names and the span text filled in from the item where the file left it out. */
function normalizeNames(value: unknown, spec: LabelSpec, itemText: string): unknown {
  const v = value as { label?: unknown; labels?: unknown; spans?: unknown; scores?: unknown };
  if (!v || typeof v !== "object") return value;
  if (typeof v.label === "string") return { label: matchLabel(v.label, spec.labels) };
  if (Array.isArray(v.labels)) return { labels: v.labels.map((l) => (typeof l === "string" ? matchLabel(l, spec.labels) : l)) };
  if (v.scores && typeof v.scores === "object" && !Array.isArray(v.scores)) {
    return { scores: Object.fromEntries(Object.entries(v.scores).map(([criterion, level]) => [matchLabel(criterion, spec.labels), level])) };
  }
  if (Array.isArray(v.spans)) {
    return {
      spans: v.spans.map((s: Partial<Span> | null) => {
        if (!s || typeof s !== "object") return s;
        const text = s.text === undefined && typeof s.start === "number" && typeof s.end === "number" ? itemText.slice(s.start, s.end) : s.text;
        return { ...s, label: typeof s.label === "string" ? matchLabel(s.label, spec.labels) : s.label, text };
      }),
    };
  }
  return value;
}

/** A label value checked as a reviewer's decision is: the value, or what is wrong with it. */
export function checkLabelValue(raw: unknown, spec: LabelSpec, itemText: string): { value: SuggestionValue } | { error: string } {
  const candidate = normalizeNames(shapeOf(raw, spec.taskType), spec, itemText);
  const parsed = decisionValueSchema(spec.taskType, spec.labels, itemText, spec.scales).safeParse(candidate);
  if (parsed.success) return { value: parsed.data as SuggestionValue };
  const issue = parsed.error.issues[0];
  // Where in a list (labels.1, spans.0.text); a single label's path says nothing more.
  const where = issue.path.length > 1 ? ` (at ${issue.path.join(".")})` : "";
  const known = issue.message === "Unknown label" ? `: the project's labels are ${spec.labels.join(", ")}` : "";
  return { error: `${issue.message}${where}${known}` };
}

function confidenceOf(raw: unknown): number | null | "bad" {
  if (isBlank(raw)) return null;
  const n = typeof raw === "number" ? raw : Number(String(raw).trim());
  return Number.isFinite(n) && n >= 0 && n <= 1 ? n : "bad";
}

/** Label columns of a table row (CSV, JSONL, JSON). The label columns are not kept in the metadata. */
export function readTableLabels(
  fields: Record<string, unknown>,
  itemText: string,
  options: ImportOptions,
  spec: LabelSpec,
): { labels: RowLabels } | { bad: Problem } {
  const labels: RowLabels = {};
  if (options.labelField && !isBlank(fields[options.labelField])) {
    const r = checkLabelValue(fields[options.labelField], spec, itemText);
    if ("error" in r) return { bad: { field: options.labelField, reason: `label: ${r.error}` } };
    labels.reference = r.value;
  }
  if (options.predictionField && !isBlank(fields[options.predictionField])) {
    const r = checkLabelValue(fields[options.predictionField], spec, itemText);
    if ("error" in r) return { bad: { field: options.predictionField, reason: `prediction: ${r.error}` } };
    const confidence = options.predictionScoreField ? confidenceOf(fields[options.predictionScoreField]) : null;
    if (confidence === "bad") return { bad: { field: options.predictionScoreField, reason: "prediction confidence must be a number from 0 to 1" } };
    labels.predictions = [{ value: r.value, confidence, source: options.predictionSource || DEFAULT_PREDICTION_SOURCE }];
  }
  return { labels };
}

/** The columns a table import reads as labels: they are not item metadata. */
export function labelColumns(options: ImportOptions): string[] {
  return options.layout === "TABLE" ? [options.labelField, options.predictionField, options.predictionScoreField].filter(Boolean) : [];
}
