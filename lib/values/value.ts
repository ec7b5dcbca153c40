// What a label is, whatever wrote it (the model, a person, an import): the task types, the value's
// shape per type, and the value in words. Below every domain: gold, the model's door, metrics and
// exports all speak it, and none of them owns it.
import { valueKey } from "@/lib/values/key";

export type TaskType = "SINGLE_LABEL" | "MULTI_LABEL" | "SPANS" | "PAIRWISE";
export type Span = { label: string; start: number; end: number; text: string };
export type SuggestionValue = { label: string } | { labels: string[] } | { spans: Span[] };

/** Task types whose value is one label ({"label": ...}): single-label, and pairwise (A, B, tie). */
export const isSingleValued = (taskType: string) => taskType === "SINGLE_LABEL" || taskType === "PAIRWISE";

/** A value as one line of text, for pages: `spam`, `a, b`, `PER: "Ada"`. */
export function describeValue(value: unknown): string {
  const v = value as { label?: string; labels?: string[]; spans?: { label: string; text: string }[] } | null;
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
