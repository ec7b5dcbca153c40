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
  await db.project.update({
    where: { id: args.projectId },
    data: { reviewersPerItem: parsed.data.reviewersPerItem, blindShare: parsed.data.blindPercent / 100, queueOrder: parsed.data.queueOrder },
  });
}
