// What a label is, whatever wrote it (the model, a person, an import): the task types, the value's
// shape per type, and the value in words. Below every domain: gold, the model's door, metrics and
// exports all speak it, and none of them owns it.
import { valueKey } from "@/lib/values/key";
import { shapeOf, taskTypeDef, type SuggestionValue, type TaskType, type ValueView } from "@/lib/task-types";

export { ValueShapeError, type Span, type SuggestionValue, type TaskType, type ValueView } from "@/lib/task-types";

/** Task types whose value is one label ({"label": ...}): single-label, and pairwise (A, B, tie). */
export const isSingleValued = (name: string) => taskTypeDef(name).singleValued;

/** A value as one line of text, for pages: `spam`, `a, b`, `PER: "Ada"`. */
/** A rating in words: "clarity 4 · accuracy 5". */
export const describeScores = (scores: Record<string, unknown>) =>
  Object.entries(scores)
    .map(([criterion, level]) => `${criterion} ${String(level)}`)
    .join(" · ");

export function describeValue(value: unknown): string {
  // Tolerant on purpose: a page describes whatever is stored, even a value that fails parseValue.
  const v = value as ValueView | null;
  if (!v) return "—";
  if (v.label) return v.label;
  if (v.labels) return v.labels.length ? v.labels.join(", ") : "(no labels)";
  if (v.scores && typeof v.scores === "object") return describeScores(v.scores) || "(no scores)";
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

/**
 * A stored (JSON) value read as its task type's shape (lib/task-types): the one place where a value
 * from the database or a file becomes typed, instead of a cast at each use.
 */
export const parseValue = (name: TaskType, raw: unknown): SuggestionValue => taskTypeDef(name).parse(raw);

/** The label names a value uses: its label, its labels, or each span's label. */
export const labelNames = (value: SuggestionValue): string[] => shapeOf(value).labelNames(value);
