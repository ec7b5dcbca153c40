import { AppError } from "@/lib/errors";
import { z } from "zod";
import { getDatabase } from "@/lib/db";
import type { ProjectAccess } from "@/lib/auth/access";
import { settleForReviewersPerItem } from "@/lib/gold/settle";
import { sql } from "@/lib/db/sql";
import { hasTaskLearner } from "@/lib/learner/task-types";

/** Every review queue order; the LEARNER_ ones walk the task learner's scores (lib/learner/queue.ts). */
export const QUEUE_ORDERS = ["RANDOM", "LOW_CONFIDENCE", "IMPORT_ORDER", "LEARNER_DISAGREEMENT", "LEARNER_UNCERTAIN", "LEARNER_MIXED"] as const;

export const reviewSettingsSchema = z.object({
  reviewersPerItem: z.coerce.number().int().min(1, "At least 1").max(10, "At most 10"),
  // Entered as a percentage in the form.
  blindPercent: z.coerce.number().min(0, "0 to 100").max(100, "0 to 100"),
  queueOrder: z.enum(QUEUE_ORDERS),
});
export type ReviewSettingsInput = z.infer<typeof reviewSettingsSchema>;

/**
 * The blind slice is every item whose fixed random draw is below the share, so changing the share
 * grows or shrinks the slice without reshuffling the items already in it. Once reviewing has
 * begun, the lowest share in force is kept (blindFloor): certificates use the blind items drawn
 * below it, which were blind whenever they were first shown, so raising the share mid-project
 * cannot bias them toward the items an ordered queue had not reached yet. A new number of
 * reviewers per item settles what it can at once: lowered, items that now have enough decisions
 * get gold (they agree) or go to adjudication (they disagree) instead of waiting for reviews that
 * will never come; raised, items re-open for the extra reviews.
 */
export async function updateReviewSettings(access: ProjectAccess, input: ReviewSettingsInput) {
  if (input.queueOrder.startsWith("LEARNER") && !hasTaskLearner(access.project.taskType)) {
    throw new AppError("VALIDATION", "The learner's orders need a task learner, which span and pairwise projects do not have.", {
      queueOrder: "Not for this task type",
    });
  }
  const database = await getDatabase();
  const k = input.reviewersPerItem;
  await database.rawTransaction(async (tx) => {
    const [before] = await tx.query<{ reviewersPerItem: number }>(sql`SELECT "reviewersPerItem" FROM "Project" WHERE id = ${access.projectId} FOR UPDATE`);
    const share = input.blindPercent / 100;
    // Every order keeps a random blind share now: the mixed learner order is the disagreement order.
    const order = input.queueOrder === "LEARNER_MIXED" ? "LEARNER_DISAGREEMENT" : input.queueOrder;
    await tx.query(
      sql`UPDATE "Project" SET "reviewersPerItem" = ${k}, "blindShare" = ${share}, "queueOrder" = ${order}::"QueueOrder", "updatedAt" = now(),
            "blindFloor" = CASE WHEN EXISTS (SELECT 1 FROM "Decision" d WHERE d."projectId" = ${access.projectId}) THEN least(coalesce("blindFloor", "blindShare"), ${share}::float8) END
          WHERE id = ${access.projectId}`,
    );
    await settleForReviewersPerItem(tx, access.projectId, before.reviewersPerItem, k);
  });
}
