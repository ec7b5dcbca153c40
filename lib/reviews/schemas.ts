import { z } from "zod";
import { positiveInt } from "@/lib/validation";

export const decisionInputSchema = z.object({
  // Made by the client once per decision: a retry sends the same id and is recorded once.
  id: z.uuid("A decision needs a client-generated UUID"),
  itemId: positiveInt,
  // REJECTED: a synthetic item judged unusable (no value).
  action: z.enum(["ACCEPTED", "CORRECTED", "LABELED", "SKIPPED", "REJECTED"]),
  value: z.unknown().optional(),
  // With SKIPPED: DISTRESS is "I'd rather not see this", never counted against the reviewer.
  skipReason: z.enum(["DISTRESS"]).optional(),
  seconds: z.coerce
    .number()
    .min(0)
    .max(24 * 3600)
    .default(0),
});
export type DecisionInput = z.infer<typeof decisionInputSchema>;

export const editDecisionSchema = z.object({ value: z.unknown(), version: positiveInt });
export type EditDecisionInput = z.infer<typeof editDecisionSchema>;

export const nextItemSchema = z.object({ skip: z.array(positiveInt).max(10, "At most 10 items to skip").default([]) });

export const REVIEW_LEASE_SECONDS = 300;
