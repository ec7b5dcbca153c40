// The task types, one module each: everything a type means (its value, "the same answer", the
// model's tool, what a person may submit, what it can take part in) is in its folder, and the rest
// of Goldset asks here. An unknown type is an error, never another type's behaviour.
import { multiLabel } from "@/lib/task-types/multi-label";
import { pairwise } from "@/lib/task-types/pairwise";
import { rating } from "@/lib/task-types/rating";
import { imageClassification, imageMultiLabel } from "@/lib/task-types/image";
import { singleLabel } from "@/lib/task-types/single-label";
import { spans } from "@/lib/task-types/spans";
import { TASK_TYPE_NAMES, ValueShapeError, type SuggestionValue, type TaskType, type TaskTypeDef } from "@/lib/task-types/types";

export * from "@/lib/task-types/types";

export const TASK_TYPES: Record<TaskType, TaskTypeDef> = {
  SINGLE_LABEL: singleLabel,
  MULTI_LABEL: multiLabel,
  SPANS: spans,
  PAIRWISE: pairwise,
  RATING: rating,
  IMAGE_CLASSIFICATION: imageClassification,
  IMAGE_MULTI_LABEL: imageMultiLabel,
};

export const isTaskType = (name: unknown): name is TaskType => (TASK_TYPE_NAMES as readonly unknown[]).includes(name);

/** The type's module; a name that is not a task type throws (a new type must be registered here). */
export function taskTypeDef(name: string): TaskTypeDef {
  if (!isTaskType(name)) throw new Error(`Unknown task type: ${JSON.stringify(name).slice(0, 60)}`);
  return TASK_TYPES[name];
}

/**
 * The type a parsed value's shape belongs to, for code that holds a value but not its project
 * (votes, "accepted or corrected"): {label} reads as single-label, which keys pairwise's the same way.
 * Anything else is ValueShapeError: two odd values must never count as "the same answer".
 */
export function shapeOf(value: unknown): TaskTypeDef {
  const v = value as Record<string, unknown> | null;
  if (v && typeof v === "object") {
    if ("labels" in v) return multiLabel;
    if ("spans" in v) return spans;
    if ("label" in v) return singleLabel;
    if ("scores" in v) return rating;
  }
  throw new ValueShapeError(`Not a value of any task type: ${String(JSON.stringify(value)).slice(0, 120)}`);
}

/** The canonical key of any stored value, by its shape (parsed first, so a malformed one throws). */
export function keyOf(value: unknown): string {
  const type = shapeOf(value);
  return type.key(type.parse(value) as SuggestionValue);
}
