// An export row as a Label Studio task (https://labelstud.io/guide/task_format): the text and the
// item's id in `data` (a Label Studio project shows $text; Goldset reads external_id back as the
// item's id), the metadata in `meta`, the gold as one ground-truth annotation and the suggestion as
// one prediction with its model and confidence. Importing the file into Goldset (format "Label
// Studio JSON") gives the same items, labels and predictions.
import type { ExportRow } from "@/lib/exports/rows";
import { resultsFromValue } from "@/lib/label-studio/format";
import type { TaskType } from "@/lib/llm/output-schema";

export function labelStudioTask(r: ExportRow, taskType: TaskType) {
  return {
    id: r.id,
    data: { text: r.text, external_id: r.externalId },
    meta: { ...((r.metadata as object | null) ?? {}), ...(r.origin === "SYNTHETIC" ? { goldset_origin: "SYNTHETIC" } : {}) },
    annotations:
      r.gold === null || r.gold === undefined
        ? []
        : [{ result: resultsFromValue(r.gold, taskType, `gold-${r.id}`), ground_truth: true, was_cancelled: false, goldset_source: r.goldSource }],
    predictions:
      r.suggestion === null || r.suggestion === undefined
        ? []
        : [
            {
              result: resultsFromValue(r.suggestion, taskType, `suggestion-${r.id}`),
              ...(r.confidence === null ? {} : { score: r.confidence }),
              model_version: r.promptVersion === null ? (r.model ?? "goldset") : `goldset v${r.promptVersion} (${r.model})`,
            },
          ],
  };
}
