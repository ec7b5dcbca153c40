// One label per item ({"label": "spam"}): the classification every labeling tool starts with.
import { z } from "zod";
import { choicesMapping } from "@/lib/task-types/choices";
import { ValueShapeError, type SuggestionValue, type TaskTypeDef } from "@/lib/task-types/types";

/** The value's label, or ValueShapeError: the shared reading of every {label} type (single-label, pairwise). */
export function parseLabelValue(name: string, raw: unknown): { label: string } {
  const v = raw as Record<string, unknown> | null;
  if (v && typeof v === "object" && typeof v.label === "string") return { label: v.label };
  throw new ValueShapeError(`Not a ${name} value: ${String(JSON.stringify(raw)).slice(0, 120)}`);
}

const labelOf = (value: SuggestionValue) => {
  if (!("label" in value)) throw new ValueShapeError(`Not a {label} value: ${JSON.stringify(value).slice(0, 120)}`);
  return value.label;
};

/** A {label} value in a Hugging Face folder: one ClassLabel index. */
export const oneLabelFeature = {
  feature: (name: string, classLabel: (indent: string) => string[]) => [`  - name: ${name}`, "    dtype:", ...classLabel("      ")],
  encode: (value: SuggestionValue, index: Map<string, number>) => index.get(labelOf(value)) ?? null,
};

/** The parts single-label and pairwise share: a value is one label. */
export const oneLabel = {
  field: "label",
  singleValued: true,
  key: labelOf,
  labelNames: (value) => [labelOf(value)],
  decisionSchema: (label) => z.object({ label }),
  answerShape: (label) => ({ label }),
  answerValue: (answer) => ({ label: answer.label as string }),
  // "spam", 3, or ["spam"]: one label.
  fromCell(v) {
    if (typeof v === "string" || typeof v === "number") return { label: String(v) };
    if (Array.isArray(v) && v.length === 1) return { label: String(v[0]) };
    return v;
  },
} satisfies Partial<TaskTypeDef>;

export const singleLabel: TaskTypeDef = {
  ...oneLabel,
  name: "SINGLE_LABEL",
  title: "Single label (classification)",
  content: "text",
  criteria: false,
  fixedLabels: false,
  minLabels: 2,
  review: { heading: "Label", keyAction: "" },
  promptHint: "Choose exactly one label.",
  fineTuneHint: 'Answer with one label as JSON: {"label": ...}.',
  huggingFace: { categories: ["text-classification"], ids: ["multi-class-classification"], ...oneLabelFeature },
  metrics: "classification",
  capabilities: { learner: true, synthesis: true, autoAccept: true, pairwiseJudge: false, labelStudio: true, fineTune: true },
  parse: (raw) => parseLabelValue("SINGLE_LABEL", raw),
  toolProperties: (labelEnum) => ({ label: { ...labelEnum, description: "The one label that fits the item." } }),
  labelStudio: choicesMapping("single"),
};
