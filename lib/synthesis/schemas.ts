// What a lead asks of a synthesis job: a label, how many texts, and the attributes to vary.
import { z } from "zod";
import { DEFAULT_MODEL, SELECTABLE_MODELS } from "@/lib/llm/models";

export const MAX_SYNTHESIS_COUNT = 5000;
export const LENGTHS = {
  short: "one or two sentences, under 200 characters",
  medium: "a short paragraph, 200 to 600 characters",
  long: "several paragraphs, 600 to 2,000 characters",
} as const;
/** ISO 639-3 codes (what the language check, franc, answers) and their names. */
export const LANGUAGES = { eng: "English", fra: "French", deu: "German", spa: "Spanish", por: "Portuguese", ita: "Italian", nld: "Dutch" } as const;
export type LanguageCode = keyof typeof LANGUAGES;
/** The near-duplicate threshold's default: Jaccard similarity of normalized 5-grams (a light edit scores about 0.75 to 0.95). */
export const DEFAULT_MAX_SIMILARITY = 0.6;

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

export const attributesSchema = z.object({
  length: z.preprocess(blankToUndefined, z.enum(Object.keys(LENGTHS) as [keyof typeof LENGTHS], "Choose short, medium or long").optional()),
  tone: z.string().trim().max(60, "At most 60 characters").default(""),
  // A comma-separated list in forms; each request takes the next topic, so they spread evenly.
  topics: z.preprocess(
    (v) =>
      typeof v === "string"
        ? v
            .split(",")
            .map((t) => t.trim())
            .filter(Boolean)
        : v,
    z.array(z.string().trim().min(1).max(60, "A topic has at most 60 characters")).max(20, "At most 20 topics").default([]),
  ),
  language: z.preprocess(blankToUndefined, z.enum(Object.keys(LANGUAGES) as [LanguageCode], "Unknown language").optional()),
});
export type Attributes = z.infer<typeof attributesSchema>;

export const synthesisInputSchema = attributesSchema.extend({
  label: z.string().trim().min(1, "Choose a label").max(60),
  count: z.coerce
    .number()
    .int("A whole number")
    .min(1, "At least 1")
    .max(MAX_SYNTHESIS_COUNT, `At most ${MAX_SYNTHESIS_COUNT.toLocaleString("en-US")}`),
  maxSimilarity: z.coerce.number().min(0.3, "At least 0.3").max(1, "At most 1").default(DEFAULT_MAX_SIMILARITY),
  modelId: z.enum(SELECTABLE_MODELS as [string, ...string[]], "Choose a model").default(DEFAULT_MODEL),
  // BATCH: each round is one Message Batch: half the price, answered within 24 hours.
  mode: z.enum(["DIRECT", "BATCH"]).default("DIRECT"),
});
export type SynthesisInput = z.infer<typeof synthesisInputSchema>;
