// What a person may submit as a value, per task type: checked once where it comes in (a review,
// a ruling, a correction, an import), so what is stored has the shape the type says.
import { z } from "zod";
import { isSingleValued, type TaskType } from "@/lib/values/value";
import { INT4_MAX } from "@/lib/validation";

export const MAX_SPANS = 1000;

/**
 * What a person may submit as a value: the shapes the model answers in. Spans are checked against
 * the item's text as model spans are: inside it, start before end, and quoting exactly the text at
 * those offsets, so no stored value can later break the metrics or the exports.
 */
export function decisionValueSchema(taskType: TaskType, labels: readonly string[], itemText?: string) {
  const label = z.enum(labels as [string, ...string[]], "Unknown label");
  if (isSingleValued(taskType)) return z.object({ label });
  if (taskType === "MULTI_LABEL")
    return z.object({
      labels: z
        .array(label)
        .max(labels.length)
        .refine((l) => new Set(l).size === l.length, "A label is listed twice"),
    });
  const offset = z.number().int("Offsets are whole numbers").min(0, "Offsets start at 0").max(INT4_MAX);
  const span = z.object({ label, start: offset, end: offset, text: z.string().max(100_000) }).superRefine((s, ctx) => {
    if (s.end <= s.start) return void ctx.addIssue({ code: "custom", path: ["end"], message: "A span ends after it starts" });
    if (itemText === undefined) return;
    if (s.end > itemText.length) return void ctx.addIssue({ code: "custom", path: ["end"], message: `The item's text has ${itemText.length} characters` });
    if (itemText.slice(s.start, s.end) !== s.text)
      ctx.addIssue({ code: "custom", path: ["text"], message: "The text is not what the item has at these offsets" });
  });
  return z.object({ spans: z.array(span).max(MAX_SPANS, `At most ${MAX_SPANS} spans`) });
}
