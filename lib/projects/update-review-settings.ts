import { z } from "zod";
import { getDatabase } from "@/lib/db";
import type { ProjectAccess } from "@/lib/auth/access";
import { recomputeGold } from "@/lib/reviews/recompute-gold";
import { itemsToSettle, lockItem, requeueForK } from "@/lib/reviews/sql";
import { sql } from "@/lib/db/sql";

export const reviewSettingsSchema = z.object({
  reviewersPerItem: z.coerce.number().int().min(1, "At least 1").max(10, "At most 10"),
  // Entered as a percentage in the form.
  blindPercent: z.coerce.number().min(0, "0 to 100").max(100, "0 to 100"),
  queueOrder: z.enum(["RANDOM", "LOW_CONFIDENCE", "IMPORT_ORDER"]),
});
export type ReviewSettingsInput = z.infer<typeof reviewSettingsSchema>;

/**
 * The blind slice is every item whose fixed random key is below the share, so changing the share
 * grows or shrinks the slice without reshuffling the items already in it. A new number of
 * reviewers per item settles what it can at once: lowered, items that now have enough decisions
 * get gold (they agree) or go to adjudication (they disagree) instead of waiting for reviews that
 * will never come; raised, items re-open for the extra reviews.
 */
export async function updateReviewSettings(access: ProjectAccess, input: ReviewSettingsInput) {
  const database = await getDatabase();
  const k = input.reviewersPerItem;
  await database.rawTransaction(async (tx) => {
    const [before] = await tx.query<{ reviewersPerItem: number }>(sql`SELECT "reviewersPerItem" FROM "Project" WHERE id = ${access.projectId} FOR UPDATE`);
    await tx.query(
      sql`UPDATE "Project" SET "reviewersPerItem" = ${k}, "blindShare" = ${input.blindPercent / 100}, "queueOrder" = ${input.queueOrder}::"QueueOrder", "updatedAt" = now()
          WHERE id = ${access.projectId}`,
    );
    if (before.reviewersPerItem === k) return;
    if (k < before.reviewersPerItem) {
      for (let after = 0; ; ) {
        const batch = await tx.query<{ id: number }>(itemsToSettle(access.projectId, k, after));
        for (const { id } of batch) {
          await tx.query(lockItem(Number(id)));
          await recomputeGold(tx, access.projectId, Number(id), k);
        }
        if (batch.length < 500) break;
        after = Number(batch[batch.length - 1].id);
      }
    }
    await tx.query(requeueForK(access.projectId, k));
  });
}
