// The answers a lead can rule between: every distinct answer the reviewers gave and the model's
// suggestion, each with who gave it, and for single-label projects every other label too. One
// stable order (the labels' order, then by text), so an answer keeps its number key.
import { isSingleValued, describeValue, labelNames, parseValue, type TaskType } from "@/lib/values/value";
import { valueKey } from "@/lib/values/key";

export type WorkspaceItem = {
  id: number;
  externalId: string;
  text: string;
  /** A pairwise item's responses, canonical (A as imported). */
  pair?: { a: string; b: string } | null;
  /** An image item's picture (its text is then the file name). */
  image?: { sha256: string; width: number; height: number; path: string } | null;
  decisions: { annotatorName: string; value: unknown; blind: boolean }[];
  suggestion: { value: unknown; confidence: number | null } | null;
};
export type Option = { key: string; value: unknown; text: string; givenBy: string[] };

export function rulingOptions(item: WorkspaceItem, taskType: TaskType, labels: string[]): Option[] {
  const options = new Map<string, Option>();
  const add = (value: unknown, who: string | null) => {
    // One answer per canonical key ("the same answer" as gold counts it), so a tie is never shown twice.
    const key = valueKey(value);
    const o = options.get(key) ?? { key, value, text: describeValue(value), givenBy: [] };
    if (who) o.givenBy.push(who);
    options.set(key, o);
  };
  for (const d of item.decisions) add(d.value, `${d.annotatorName}${d.blind ? " (blind)" : ""}`);
  if (item.suggestion) add(item.suggestion.value, `model${item.suggestion.confidence === null ? "" : ` ${Math.round(item.suggestion.confidence * 100)}%`}`);
  if (isSingleValued(taskType)) for (const l of labels) add({ label: l }, null);
  const rank = (o: Option) => {
    const first = labelNames(parseValue(taskType, o.value))[0];
    const i = first === undefined ? -1 : labels.indexOf(first);
    return i === -1 ? labels.length : i;
  };
  return [...options.values()].sort((a, b) => rank(a) - rank(b) || a.text.localeCompare(b.text));
}
