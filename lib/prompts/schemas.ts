import { z } from "zod";
import { SELECTABLE_MODELS } from "@/lib/llm/models";
import { promptSettingsSchema } from "@/lib/llm/settings";

export const STRATEGIES = ["ZERO_SHOT", "FEW_SHOT", "CHAIN_OF_THOUGHT"] as const;
export const STRATEGY_NAMES: Record<(typeof STRATEGIES)[number], string> = {
  ZERO_SHOT: "Zero-shot",
  FEW_SHOT: "Few-shot (examples from the gold set)",
  CHAIN_OF_THOUGHT: "Rationale first (chain of thought)",
};
/** The short name of a strategy, where a version is named in a line (every place says it the same way). */
export const STRATEGY_SHORT_NAMES: Record<string, string> = { ZERO_SHOT: "zero-shot", FEW_SHOT: "few-shot", CHAIN_OF_THOUGHT: "rationale first" };

export const promptVersionSchema = z
  .object({
    // Only models with strict tool use (the API then never answers outside the labels).
    modelId: z
      .string()
      .refine((m) => SELECTABLE_MODELS.includes(m), "Choose a model from the list (these support strict tool use, and their prices are known)"),
    strategy: z.enum(STRATEGIES),
    instructions: z.string().trim().min(1, "Write the instructions").max(20_000),
    settings: promptSettingsSchema,
  })
  .superRefine((p, ctx) => {
    if (p.settings.samples > 1 && p.settings.temperature === 0) {
      ctx.addIssue({ code: "custom", path: ["settings", "temperature"], message: "Several samples need a temperature above 0, or they all agree" });
    }
  });
export type PromptVersionInput = z.infer<typeof promptVersionSchema>;

export const DEFAULT_INSTRUCTIONS = "Read the item and choose the labels that fit it, following the label definitions and the guidelines.";
export const DEFAULT_PAIRWISE_INSTRUCTIONS =
  "Compare the two responses to the prompt and say which one is better, following the guidelines; answer tie when neither is better.";
