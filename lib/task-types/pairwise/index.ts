// Two responses to one prompt, judged against each other: the value is one of the fixed labels
// A, B, tie (and both_bad when the lead offers it), stored in canonical order whatever side a
// reviewer saw first (lib/pairwise).
import { oneLabel, oneLabelFeature, parseLabelValue } from "@/lib/task-types/single-label";
import type { TaskTypeDef } from "@/lib/task-types/types";

export const pairwise: TaskTypeDef = {
  ...oneLabel,
  name: "PAIRWISE",
  title: "Pairwise preference (A or B)",
  content: "pair",
  criteria: false,
  fixedLabels: true,
  minLabels: 0,
  review: { heading: "Which response is better?", keyAction: "" },
  promptHint:
    "The item is a prompt and two responses to it, Response A and Response B. Judge which response answers the prompt better, following the guidelines; their order says nothing about their quality, and length alone is not quality. Write a short rationale, then answer A, B or tie.",
  fineTuneHint: 'Say which response to the prompt is better as JSON: {"label": "A" | "B" | "tie"}.',
  huggingFace: { categories: ["text-generation"], ids: [], ...oneLabelFeature },
  metrics: "pairwise",
  // Synthesis writes texts for a label, not pairs of responses; Label Studio's pairwise template
  // has no place for which side a reviewer saw first.
  capabilities: { learner: false, synthesis: false, autoAccept: true, pairwiseJudge: true, labelStudio: false, fineTune: false },
  parse: (raw) => parseLabelValue("PAIRWISE", raw),
  labelStudio: null,
  toolProperties: (labelEnum) => ({
    label: { ...labelEnum, description: "A or B: the better response; tie: equally good; both_bad (when offered): neither is acceptable." },
  }),
};
