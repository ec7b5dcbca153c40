// Label Studio's task format, both ways, for text tasks: a task is { id, data, meta, annotations,
// predictions }, and an annotation's or prediction's `result` is a list of regions. Goldset's
// values map to two of its control tags:
//   single- and multi-label  <Choices name="label" toName="text">  type "choices", value.choices
//   spans                    <Labels name="label" toName="text">   type "labels",  value.start/end/text/labels
// (https://labelstud.io/guide/task_format, /guide/export#Label-Studio-JSON-format-of-annotated-tasks).
// Regions of other types (ratings, text areas, ...) carry nothing Goldset can hold and are ignored.
import { isSingleValued, labelNames, parseValue, type Span, type SuggestionValue, type TaskType } from "@/lib/values/value";
import { taskTypeDef } from "@/lib/task-types";

export type LabelStudioRegion = {
  id?: string;
  from_name?: string;
  to_name?: string;
  type?: string;
  value?: { choices?: unknown; labels?: unknown; start?: unknown; end?: unknown; text?: unknown };
  score?: number;
};

/** The field the id of a Label Studio task is read from when the import names none. */
export const LABEL_STUDIO_ID_FIELD = "external_id";
/** Where a task's `meta` is kept in the item's metadata, so an export can put it back in `meta`. */
export const LABEL_STUDIO_META_KEY = "label_studio_meta";

/** The names our exported labeling config uses: a Text tag "text" and one control tag "label". */
export const FROM_NAME = "label";
export const TO_NAME = "text";

/**
 * A Goldset-shaped value from a result list (still to be checked against the project's labels and
 * the item's text), or a reason it has none. A completed annotation without any choice means "no
 * label applies" for multi-label and spans; for single-label it is an error.
 */
export function valueFromResults(results: unknown, taskType: TaskType): { value: SuggestionValue } | { error: string } {
  if (!Array.isArray(results)) return { error: "its result is not a list" };
  const regions = results.filter((r): r is LabelStudioRegion => !!r && typeof r === "object");
  const { field } = taskTypeDef(taskType);
  if (field === "spans") {
    const spans: Span[] = [];
    for (const r of regions.filter((r) => r.type === "labels")) {
      const v = r.value ?? {};
      if (!Array.isArray(v.labels)) return { error: "a labels region has no labels list" };
      if (typeof v.start !== "number" || typeof v.end !== "number")
        return { error: "a labels region has no numeric start and end (only text regions can be imported)" };
      for (const label of v.labels) spans.push({ label: String(label), start: v.start, end: v.end, text: typeof v.text === "string" ? v.text : "" });
    }
    return { value: { spans } };
  }
  const choices = regions.filter((r) => r.type === "choices").flatMap((r) => (Array.isArray(r.value?.choices) ? r.value.choices.map(String) : []));
  if (field === "labels") return { value: { labels: choices } };
  if (choices.length === 0) return { error: "it has no choice" };
  if (choices.length > 1) return { error: `it has ${choices.length} choices; the project takes one label per item` };
  return { value: { label: choices[0] } };
}

/** The result list Label Studio reads for a Goldset value. Region ids are stable, so the same data gives the same file. */
export function resultsFromValue(value: unknown, taskType: TaskType, idPrefix: string): LabelStudioRegion[] {
  if (value === null || value === undefined) return [];
  const v = parseValue(taskType, value);
  const base = (i: number) => ({ id: `${idPrefix}-${i}`, from_name: FROM_NAME, to_name: TO_NAME });
  if ("spans" in v) {
    return v.spans.map((s, i) => ({
      ...base(i),
      type: "labels",
      value: { start: s.start, end: s.end, text: s.text, labels: [s.label] },
    }));
  }
  const choices = labelNames(v);
  return choices.length ? [{ ...base(0), type: "choices", value: { choices } }] : [];
}

/** A labeling config that shows the exported tasks as Goldset did (for a new Label Studio project). */
export function labelingConfig(taskType: TaskType, labels: string[]): string {
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const text = `  <Text name="${TO_NAME}" value="$text"/>`;
  if (taskTypeDef(taskType).field === "spans")
    return [
      "<View>",
      `  <Labels name="${FROM_NAME}" toName="${TO_NAME}">`,
      ...labels.map((l) => `    <Label value="${esc(l)}"/>`),
      "  </Labels>",
      text,
      "</View>",
    ].join("\n");
  const choice = isSingleValued(taskType) ? "single" : "multiple";
  return [
    "<View>",
    text,
    `  <Choices name="${FROM_NAME}" toName="${TO_NAME}" choice="${choice}">`,
    ...labels.map((l) => `    <Choice value="${esc(l)}"/>`),
    "  </Choices>",
    "</View>",
  ].join("\n");
}

/** The names the task's regions use for its control and object tags, for an export back to the same project. */
export function labelStudioNames(task: Record<string, unknown>): { fromName: string; toName: string } | null {
  const t = task as { annotations?: unknown; predictions?: unknown };
  const lists = [...(Array.isArray(t.annotations) ? t.annotations : []), ...(Array.isArray(t.predictions) ? t.predictions : [])] as { result?: unknown }[];
  for (const a of lists) {
    const region = (Array.isArray(a?.result) ? a.result : []).find(
      (r: LabelStudioRegion) => r && typeof r.from_name === "string" && typeof r.to_name === "string",
    ) as LabelStudioRegion | undefined;
    if (region) return { fromName: region.from_name!, toName: region.to_name! };
  }
  return null;
}
