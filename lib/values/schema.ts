// What a person may submit as a value, per task type: checked once where it comes in (a review,
// a ruling, a correction, an import), so what is stored has the shape the type says. Each type's
// rules are its module's (lib/task-types/<type>).
import { z } from "zod";
import { taskTypeDef, type Scales, type TaskType } from "@/lib/task-types";

export { MAX_SPANS } from "@/lib/task-types/spans";

/**
 * `itemText`: spans are checked against it (inside it, quoting exactly the text at their offsets).
 * `scales`: a rating's levels per criterion (ProjectSettings.scales).
 */
export function decisionValueSchema(name: TaskType, labels: readonly string[], itemText?: string, scales?: Scales) {
  return taskTypeDef(name).decisionSchema(z.enum(labels as [string, ...string[]], "Unknown label"), itemText, scales);
}
