// Images classified with one label ({"label": "cat"}) or every label that applies ({"labels": [...]}):
// the values, keys and tools of the text classifications, with the item's picture as its content.
// Claude sees the image (lib/llm/image-content.ts); the learner and synthesis work on text and do
// not apply; Label Studio's text tasks and the chat fine-tuning formats carry no image here.
import { multiLabel } from "@/lib/task-types/multi-label";
import { parseLabelValue, singleLabel } from "@/lib/task-types/single-label";
import type { Capabilities, TaskTypeDef } from "@/lib/task-types/types";

const IMAGE_CAPABILITIES: Capabilities = { learner: false, synthesis: false, autoAccept: true, pairwiseJudge: false, labelStudio: false, fineTune: false };

export const imageClassification: TaskTypeDef = {
  ...singleLabel,
  name: "IMAGE_CLASSIFICATION",
  title: "Image classification (one label)",
  content: "image",
  promptHint: "The item is the image. Choose exactly one label for it.",
  fineTuneHint: singleLabel.fineTuneHint,
  huggingFace: { ...singleLabel.huggingFace, categories: ["image-classification"], ids: ["multi-class-image-classification"] },
  capabilities: IMAGE_CAPABILITIES,
  parse: (raw) => parseLabelValue("IMAGE_CLASSIFICATION", raw),
  labelStudio: null,
};

export const imageMultiLabel: TaskTypeDef = {
  ...multiLabel,
  name: "IMAGE_MULTI_LABEL",
  title: "Image multi-label (every label that applies)",
  content: "image",
  promptHint: "The item is the image. Choose every label that applies to it (possibly none).",
  huggingFace: { ...multiLabel.huggingFace, categories: ["image-classification"], ids: ["multi-label-image-classification"] },
  capabilities: IMAGE_CAPABILITIES,
  labelStudio: null,
};
