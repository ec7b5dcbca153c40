import { z } from "zod";
import { SELECTABLE_MODELS } from "@/lib/llm/models";

const versionId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Not a valid id");

export const proposeSchema = z.object({
  versionId,
  // The proposer may be stronger than the annotator: the lead chooses.
  proposerModel: z.string().refine((m) => SELECTABLE_MODELS.includes(m), "Choose a model from the list"),
});

/** The lead's edits to a draft before it is tested (absent: as proposed). */
export const testEditsSchema = z.object({
  instructions: z.string().trim().min(1, "Write the instructions").max(20_000).optional(),
  labelDescriptions: z.record(z.string(), z.string().max(2_000)).optional(),
});

export const loopSchema = proposeSchema.extend({
  maxRounds: z.coerce.number().int().min(1, "At least 1 round").max(10, "At most 10 rounds"),
  capUsd: z.coerce.number().positive("A cap above $0").max(10_000),
});

/** How many unreviewed items both versions label, for "review where they disagree first". */
export const acquireSchema = z.object({ items: z.coerce.number().int().min(10, "At least 10 items").max(5_000, "At most 5,000 items") });
