import { z } from "zod";
import type { TaskType } from "@/lib/llm/output-schema";

/** What an annotator may submit as a value: the same shapes the model answers in. */
export function decisionValueSchema(taskType: TaskType, labels: string[]) {
  const label = z.enum(labels as [string, ...string[]], "Unknown label");
  if (taskType === "SINGLE_LABEL") return z.object({ label });
  if (taskType === "MULTI_LABEL") return z.object({ labels: z.array(label).max(labels.length) });
  return z.object({ spans: z.array(z.object({ label, start: z.number().int().min(0), end: z.number().int().min(1), text: z.string() })).max(1000) });
}

export const decisionInputSchema = z.object({
  // Made by the client once per decision: a retry sends the same id and is recorded once.
  id: z.uuid("A decision needs a client-generated UUID"),
  itemId: z.coerce.number().int().positive(),
  action: z.enum(["ACCEPTED", "CORRECTED", "LABELED", "SKIPPED"]),
  value: z.unknown().optional(),
  seconds: z.coerce.number().min(0).max(24 * 3600).default(0),
});
export type DecisionInput = z.infer<typeof decisionInputSchema>;

export const editDecisionSchema = z.object({ value: z.unknown(), version: z.coerce.number().int().positive() });

export const REVIEW_LEASE_SECONDS = 300;
