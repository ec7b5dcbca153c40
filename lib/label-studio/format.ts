// Label Studio's task format, both ways, for text tasks: a task is { id, data, meta, annotations,
// predictions }, and an annotation's or prediction's `result` is a list of regions. Goldset's
// values map to two of its control tags:
//   single- and multi-label  <Choices name="label" toName="text">  type "choices", value.choices
//   spans                    <Labels name="label" toName="text">   type "labels",  value.start/end/text/labels
// (https://labelstud.io/guide/task_format, /guide/export#Label-Studio-JSON-format-of-annotated-tasks).
// Regions of other types (ratings, text areas, ...) carry nothing Goldset can hold and are ignored.
import { parseValue, type SuggestionValue, type TaskType } from "@/lib/values/value";
import { taskTypeDef, type LabelStudioRegion } from "@/lib/task-types";

export type { LabelStudioRegion };

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
  const found = mappingOf(taskType).fromRegions(regions);
  return "error" in found ? found : { value: found };
}

/** The result list Label Studio reads for a Goldset value. Region ids are stable, so the same data gives the same file. */
export function resultsFromValue(value: unknown, taskType: TaskType, idPrefix: string): LabelStudioRegion[] {
  if (value === null || value === undefined) return [];
  return mappingOf(taskType)
    .toRegions(parseValue(taskType, value))
    .map((r, i) => ({ id: `${idPrefix}-${i}`, from_name: FROM_NAME, to_name: TO_NAME, ...r }));
}

/** The type's mapping; a type Label Studio cannot carry is refused before any file is read or written. */
function mappingOf(taskType: TaskType) {
  const mapping = taskTypeDef(taskType).labelStudio;
  if (!mapping) throw new Error(`Label Studio's text tasks cannot carry ${taskType} values`);
  return mapping;
}

/** A labeling config that shows the exported tasks as Goldset did (for a new Label Studio project). */
export function labelingConfig(taskType: TaskType, labels: string[]): string {
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const text = `  <Text name="${TO_NAME}" value="$text"/>`;
  const { control } = mappingOf(taskType);
  if (control.tag === "Labels")
    return [
      "<View>",
      `  <Labels name="${FROM_NAME}" toName="${TO_NAME}">`,
      ...labels.map((l) => `    <Label value="${esc(l)}"/>`),
      "  </Labels>",
      text,
      "</View>",
    ].join("\n");
  const choice = control.choice;
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
