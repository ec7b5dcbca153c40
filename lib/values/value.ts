// What a label is, whatever wrote it (the model, a person, an import): the task types, the value's
// shape per type, and the value in words. Below every domain: gold, the model's door, metrics and
// exports all speak it, and none of them owns it.
import { valueKey } from "@/lib/values/key";

export type TaskType = "SINGLE_LABEL" | "MULTI_LABEL" | "SPANS" | "PAIRWISE";
export type Span = { label: string; start: number; end: number; text: string };
export type SuggestionValue = { label: string } | { labels: string[] } | { spans: Span[] };
/** Any parsed value seen through one shape, for screens that look at whichever field is there. */
export type ValueView = { label?: string; labels?: string[]; spans?: Span[] };

/** Task types whose value is one label ({"label": ...}): single-label, and pairwise (A, B, tie). */
export const isSingleValued = (taskType: string) => taskType === "SINGLE_LABEL" || taskType === "PAIRWISE";

/** A value as one line of text, for pages: `spam`, `a, b`, `PER: "Ada"`. */
export function describeValue(value: unknown): string {
  // Tolerant on purpose: a page describes whatever is stored, even a value that fails parseValue.
  const v = value as ValueView | null;
  if (!v) return "—";
  if (v.label) return v.label;
  if (v.labels) return v.labels.length ? v.labels.join(", ") : "(no labels)";
  return (v.spans ?? []).map((s) => `${s.label}: "${s.text}"`).join("; ") || "(no spans)";
}

/** Votes over k samples: the winning answer and its share. Answers are compared by their canonical key. */
export function majority(values: SuggestionValue[]): { value: SuggestionValue; share: number } | null {
  if (!values.length) return null;
  const key = valueKey;
  const counts = new Map<string, { value: SuggestionValue; n: number }>();
  for (const v of values) {
    const k = key(v);
    const c = counts.get(k) ?? { value: v, n: 0 };
    c.n++;
    counts.set(k, c);
  }
  const top = [...counts.values()].sort((a, b) => b.n - a.n)[0];
  return { value: top.value, share: top.n / values.length };
}

const isSpan = (s: unknown): s is Span => {
  const x = s as Span | null;
  return !!x && typeof x.label === "string" && typeof x.start === "number" && typeof x.end === "number" && typeof x.text === "string";
};

/** A stored value that is not its task type's shape: an error, never read as some other shape. */
export class ValueShapeError extends Error {}

/**
 * A stored (JSON) value read as its task type's shape: the one place where a value from the
 * database or a file becomes typed, instead of a cast at each use. Checks by hand (no schema
 * library) because exports read millions of values.
 */
export function parseValue(taskType: TaskType, raw: unknown): SuggestionValue {
  const v = raw as Record<string, unknown> | null;
  if (v && typeof v === "object") {
    if (isSingleValued(taskType) && typeof v.label === "string") return { label: v.label };
    if (taskType === "MULTI_LABEL" && Array.isArray(v.labels) && v.labels.every((l) => typeof l === "string")) return { labels: v.labels };
    if (taskType === "SPANS" && Array.isArray(v.spans) && v.spans.every(isSpan)) return { spans: v.spans };
  }
  throw new ValueShapeError(`Not a ${taskType} value: ${String(JSON.stringify(raw)).slice(0, 120)}`);
}

/** The label names a value uses: its label, its labels, or each span's label. */
export function labelNames(value: SuggestionValue): string[] {
  if ("label" in value) return [value.label];
  if ("labels" in value) return value.labels;
  return value.spans.map((s) => s.label);
}
