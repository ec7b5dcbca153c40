import { z } from "zod";
import { getDb } from "@/lib/db";
import { AppError, fieldErrorsFrom } from "@/lib/errors";
import { requireProjectRole } from "@/lib/auth/project-role";

export const reviewSettingsSchema = z.object({
  reviewersPerItem: z.coerce.number().int().min(1, "At least 1").max(10, "At most 10"),
  // Entered as a percentage in the form.
  blindPercent: z.coerce.number().min(0, "0 to 100").max(100, "0 to 100"),
  queueOrder: z.enum(["RANDOM", "LOW_CONFIDENCE", "IMPORT_ORDER"]),
});

/**
 * The blind slice is every item whose fixed random key is below the share, so changing the share
 * grows or shrinks the slice without reshuffling the items already in it.
 */
export async function updateReviewSettings(args: { userId: string; projectId: string; input: unknown }) {
  await requireProjectRole(args.userId, args.projectId, "LEAD");
  const parsed = reviewSettingsSchema.safeParse(args.input);
  if (!parsed.success) throw new AppError("VALIDATION", "Check the highlighted fields.", fieldErrorsFrom(parsed.error.issues));
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const before = await tx.project.findUniqueOrThrow({ where: { id: args.projectId }, select: { reviewersPerItem: true } });
    await tx.project.update({
      where: { id: args.projectId },
      data: { reviewersPerItem: parsed.data.reviewersPerItem, blindShare: parsed.data.blindPercent / 100, queueOrder: parsed.data.queueOrder },
    });
    // A new k re-opens or closes items; agreement among the reviews an item has is settled as they come in.
    if (before.reviewersPerItem !== parsed.data.reviewersPerItem) {
      await tx.$executeRawUnsafe(
        `UPDATE "Item" SET "inQueue" = ("reviewCount" < $2 AND NOT "needsAdjudication")
         WHERE "projectId" = $1 AND "inQueue" IS DISTINCT FROM ("reviewCount" < $2 AND NOT "needsAdjudication")
           AND NOT EXISTS (SELECT 1 FROM "GoldLabel" g WHERE g."itemId" = "Item".id AND g.source = 'ADJUDICATION')`,
        args.projectId,
        parsed.data.reviewersPerItem,
      );
    }
  });
}
