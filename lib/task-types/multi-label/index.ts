// Every label that applies ({"labels": ["billing", "urgent"]}): order does not matter, and none is
// an answer too (the empty list).
import { z } from "zod";
import { choicesMapping } from "@/lib/task-types/choices";
import { byCodePoint, ValueShapeError, type SuggestionValue, type TaskTypeDef } from "@/lib/task-types/types";

const labelsOf = (value: SuggestionValue) => {
  if (!("labels" in value)) throw new ValueShapeError(`Not a {labels} value: ${JSON.stringify(value).slice(0, 120)}`);
  return value.labels;
};

export const multiLabel: TaskTypeDef = {
  name: "MULTI_LABEL",
  title: "Multi-label (classification)",
  field: "labels",
  singleValued: false,
  content: "text",
  criteria: false,
  fixedLabels: false,
  minLabels: 2,
  review: { heading: "Labels (toggle)", keyAction: " (toggle)" },
  promptHint: "Choose every label that applies (possibly none).",
  fineTuneHint: 'Answer with every label that applies as JSON: {"labels": [...]}.',
  huggingFace: {
    categories: ["text-classification"],
    ids: ["multi-label-classification"],
    feature: (name, classLabel) => [`  - name: ${name}`, "    sequence:", ...classLabel("      ")],
    encode: (value, index) => labelsOf(value).map((l) => index.get(l) ?? null),
  },
  metrics: "multi-label",
  capabilities: { learner: true, synthesis: true, autoAccept: true, pairwiseJudge: false, labelStudio: true, fineTune: true },
  parse(raw) {
    const v = raw as Record<string, unknown> | null;
    if (v && typeof v === "object" && Array.isArray(v.labels) && v.labels.every((l) => typeof l === "string")) return { labels: v.labels };
    throw new ValueShapeError(`Not a MULTI_LABEL value: ${String(JSON.stringify(raw)).slice(0, 120)}`);
  },
  // Labels sort by code point: COLLATE "C" in the SQL twin.
  key: (value) => [...labelsOf(value)].sort(byCodePoint).join("|"),
  labelNames: labelsOf,
  decisionSchema: (label) =>
    z.object({
      labels: z
        .array(label)
        .max(label.options.length)
        .refine((l) => new Set(l).size === l.length, "A label is listed twice"),
    }),
  toolProperties: (labelEnum) => ({ labels: { type: "array", items: labelEnum, description: "Every label that applies, each once; empty if none." } }),
  answerShape: (label) => ({ labels: z.array(label).max(1000) }),
  // "a|b;c" (any of | ; , between labels) or ["a", "b"].
  fromCell(v) {
    if (typeof v === "string")
      return {
        labels: v
          .split(/[|;,]/)
          .map((s) => s.trim())
          .filter(Boolean),
      };
    if (Array.isArray(v)) return { labels: v.map(String) };
    return v;
  },
  labelStudio: choicesMapping("multiple"),
  // The model may list a label twice: it counts once.
  answerValue: (answer) => ({ labels: [...new Set(answer.labels as string[])] }),
};
