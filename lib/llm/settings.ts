// How the model is asked, whatever the prompt says: temperature, answer length, votes and how many
// gold examples a few-shot prompt carries. Part of a prompt version, read by the one door (lib/llm).
import { z } from "zod";

export const promptSettingsSchema = z.object({
  temperature: z.coerce.number().min(0).max(1).default(0),
  maxTokens: z.coerce.number().int().min(64, "At least 64").max(8192, "At most 8,192").default(512),
  // k > 1: ask k times and use the share of votes for the winning answer as the confidence.
  samples: z.coerce.number().int().min(1).max(9, "At most 9 samples").default(1),
  fewShotK: z.coerce.number().int().min(1).max(20).default(4),
  // Pairwise only: what the judge's two orders settle to when they disagree (lib/pairwise/judge.ts); TIE when absent.
  inconsistent: z.enum(["TIE", "LOW_CONFIDENCE"]).optional(),
});
export type PromptSettings = z.infer<typeof promptSettingsSchema>;
