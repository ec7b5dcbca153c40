import { z } from "zod";
import { looseBoolean } from "@/lib/validation";

/** The licences a lead can choose (Hub identifiers); "unknown" until they do. */
export const HF_LICENSES = [
  "unknown",
  "other",
  "apache-2.0",
  "mit",
  "cc0-1.0",
  "cc-by-4.0",
  "cc-by-sa-4.0",
  "cc-by-nc-4.0",
  "cc-by-nc-sa-4.0",
  "odc-by",
  "odbl",
  "pddl",
] as const;

export const EXPORT_FORMATS = ["JSONL", "CSV", "HF_DATASET", "FINETUNE_CHAT", "FINETUNE_CLAUDE", "PREFERENCE", "LABEL_STUDIO"] as const;
/** Fine-tuning files hold only what the provider's format allows; where each row came from goes in a side file, line for line. */
export const FINETUNE_FORMATS: readonly ExportFormat[] = ["FINETUNE_CHAT", "FINETUNE_CLAUDE"];
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const exportOptionsSchema = z.object({
  format: z.enum(EXPORT_FORMATS),
  // GOLD: items with a gold value; REVIEWED: items with at least one decision; SUGGESTED: items with a good suggestion; ALL: every item.
  scope: z.enum(["GOLD", "REVIEWED", "SUGGESTED", "ALL"]).default("GOLD"),
  includeBlind: looseBoolean.default(true),
  // Auto-accepted labels (gold source AUTO, no person checked them): marked in every format.
  includeAuto: looseBoolean.default(true),
  // Synthetic items (lib/synthesis) that people kept; ones they rejected as unusable are never exported.
  includeSynthetic: looseBoolean.default(true),
  // CSV: cells as they are. By default a cell a spreadsheet would run as a formula gets a leading apostrophe.
  rawText: looseBoolean.default(false),
  // Hugging Face folder: the card's licence (a Hub identifier) and the data's languages (ISO 639 codes).
  license: z.enum(HF_LICENSES, "Choose a licence from the list").default("unknown"),
  languages: z
    .array(
      z
        .string()
        .trim()
        .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, "An ISO 639 code such as en, de or pt-BR"),
    )
    .max(20)
    .default([]),
  // Label Studio: the labeling config of the project the file goes to; its control and object tags
  // name every region (from_name, to_name) and its Text tag the data key of the text.
  labelStudioConfig: z.string().max(100_000, "At most 100,000 characters").optional(),
  // A label-stratified train/test split, reproducible from its seed.
  split: z
    .object({ testShare: z.coerce.number().min(0.01, "At least 1%").max(0.9, "At most 90%"), seed: z.string().trim().min(1, "A seed is needed").max(64) })
    .nullable()
    .default(null),
  // Whose suggestion goes into the file: a prompt version, or each item's latest good one.
  promptVersionId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .nullable()
    .default(null),
});
export type ExportOptions = z.infer<typeof exportOptionsSchema>;

export const FORMAT_INFO: Record<ExportFormat, { label: string; extension: string; contentType: string; help: string }> = {
  JSONL: {
    label: "JSONL",
    extension: "jsonl",
    contentType: "application/x-ndjson",
    help: "One JSON object per item: text, metadata, gold, suggestion, decisions.",
  },
  CSV: {
    label: "CSV",
    extension: "csv",
    contentType: "text/csv; charset=utf-8",
    help: "The same columns as JSONL, nested values as JSON; formula-like cells neutralised.",
  },
  HF_DATASET: {
    label: "Hugging Face dataset",
    extension: "tar",
    contentType: "application/x-tar",
    help: "A folder for datasets.load_dataset: JSONL splits and a dataset card (README.md).",
  },
  FINETUNE_CHAT: {
    label: "Fine-tuning (OpenAI chat)",
    extension: "jsonl",
    contentType: "application/x-ndjson",
    help: "OpenAI's chat fine-tuning format: {messages: [system, user, assistant]} and nothing else. The answer is the gold label; with “everything with a suggestion”, items without gold teach the model's suggestion (distillation). Items with neither are left out. Where each line came from (and its split) is in the provenance file beside it.",
  },
  FINETUNE_CLAUDE: {
    label: "Fine-tuning (Claude)",
    extension: "jsonl",
    contentType: "application/x-ndjson",
    help: "The format Claude fine-tuning takes (Amazon Bedrock): {system, messages: [user, assistant]} and nothing else. The same rows and answers as the OpenAI format; provenance and split in the file beside it.",
  },
  PREFERENCE: {
    label: "Preference pairs",
    extension: "jsonl",
    contentType: "application/x-ndjson",
    help: "prompt, chosen (the human's value), rejected (the model's) where they differ. For a pairwise project: TRL's DPO format, prompt, chosen and rejected responses by the gold (ties left out).",
  },
  LABEL_STUDIO: {
    label: "Label Studio JSON",
    extension: "json",
    contentType: "application/json",
    help: "Label Studio's task format: the gold as a ground-truth annotation, the suggestion as a prediction. Imports into Label Studio, and back into Goldset.",
  },
};
