// The review queue. Claiming leases an item to one annotator (FOR UPDATE SKIP LOCKED, so
// concurrent annotators never wait for each other or get the same slot), up to the project's
// reviewers per item, and never an item this annotator already decided.
import { getDb } from "@/lib/db";
import { requireProjectRole } from "@/lib/auth/project-role";
import { REVIEW_LEASE_SECONDS } from "@/lib/reviews/schemas";

const ORDER = {
  RANDOM: `i."randKey"`,
  LOW_CONFIDENCE: `i."suggestionConfidence" ASC NULLS LAST, i."randKey"`,
  IMPORT_ORDER: `i.id`,
} as const;

export type ReviewTask = {
  item: { id: number; externalId: string; text: string };
  blind: boolean;
  suggestion: { id: string; value: unknown; confidence: number | null; confidenceSource: string | null; rationale: string | null } | null;
  leasedUntil: string;
};

/** Leases the next item for this annotator and returns what the review screen shows, or null when the queue is empty. */
export async function claimNextItem(args: { userId: string; projectId: string; skipItemIds?: number[] }): Promise<ReviewTask | null> {
  await requireProjectRole(args.userId, args.projectId);
  const db = await getDb();
  const project = await db.project.findUniqueOrThrow({ where: { id: args.projectId }, select: { reviewersPerItem: true, blindShare: true, queueOrder: true } });
  const k = project.reviewersPerItem;
  // Two steps in one transaction. The first picks a candidate and locks its row (SKIP LOCKED: a
  // concurrent claimer moves on to another item instead of waiting). Its snapshot may predate a
  // claim that committed a moment ago, so the second statement, with a fresh snapshot and the row
  // lock held, checks the open slots again before taking one.
  const claimed = await db.$transaction(async (tx) => {
    const tried: number[] = [...(args.skipItemIds ?? [])];
    // An item this annotator already holds (prefetched, or shown before a reload) comes first.
    const held = await tx.$queryRawUnsafe<{ itemId: number; leasedUntil: Date }[]>(
      `UPDATE "ReviewAssignment" SET "leasedUntil" = now() + make_interval(secs => $4)
       WHERE ("itemId", "annotatorId") IN (
         SELECT "itemId", "annotatorId" FROM "ReviewAssignment"
         WHERE "projectId" = $1 AND "annotatorId" = $2 AND "doneAt" IS NULL AND "leasedUntil" > now() AND NOT ("itemId" = ANY($3::int[]))
         ORDER BY "leasedUntil" LIMIT 1)
       RETURNING "itemId", "leasedUntil"`,
      args.projectId,
      args.userId,
      tried,
      REVIEW_LEASE_SECONDS,
    );
    if (held.length) return held[0];
    for (let attempt = 0; attempt < 8; attempt++) {
      const pick = await tx.$queryRawUnsafe<{ id: number }[]>(
        `SELECT i.id FROM "Item" i
         WHERE i."projectId" = $1 AND i."inQueue" AND NOT (i.id = ANY($4::int[]))
           AND NOT EXISTS (SELECT 1 FROM "ReviewAssignment" mine WHERE mine."itemId" = i.id AND mine."annotatorId" = $2
                           AND (mine."doneAt" IS NOT NULL OR mine."leasedUntil" > now()))
           AND i."reviewCount" + (SELECT count(*) FROM "ReviewAssignment" a WHERE a."itemId" = i.id AND a."doneAt" IS NULL
                                  AND a."leasedUntil" > now() AND a."annotatorId" <> $2) < $3
         ORDER BY ${ORDER[project.queueOrder]}
         LIMIT 1
         FOR UPDATE OF i SKIP LOCKED`,
        args.projectId,
        args.userId,
        k,
        tried,
      );
      if (!pick.length) return null;
      const itemId = Number(pick[0].id);
      const rows = await tx.$queryRawUnsafe<{ itemId: number; leasedUntil: Date }[]>(
        `INSERT INTO "ReviewAssignment" ("itemId", "annotatorId", "projectId", "leasedUntil")
         SELECT i.id, $2, $1, now() + make_interval(secs => $4) FROM "Item" i
         WHERE i.id = $3 AND i."reviewCount" + (SELECT count(*) FROM "ReviewAssignment" a WHERE a."itemId" = i.id AND a."doneAt" IS NULL
                                                AND a."leasedUntil" > now() AND a."annotatorId" <> $2) < $5
         ON CONFLICT ("itemId", "annotatorId") DO UPDATE SET "leasedUntil" = EXCLUDED."leasedUntil"
           WHERE "ReviewAssignment"."doneAt" IS NULL
         RETURNING "itemId", "leasedUntil"`,
        args.projectId,
        args.userId,
        itemId,
        REVIEW_LEASE_SECONDS,
        k,
      );
      if (rows.length) return rows[0];
      tried.push(itemId); // filled up meanwhile: try the next one
    }
    return null;
  });
  const rows = claimed ? [claimed] : [];
  if (!rows.length) return null;
  return reviewTask(args.projectId, Number(rows[0].itemId), project.blindShare, rows[0].leasedUntil);
}

/** What the annotator sees: the suggestion only when the item is outside the blind slice. */
export async function reviewTask(projectId: string, itemId: number, blindShare: number, leasedUntil: Date): Promise<ReviewTask> {
  const db = await getDb();
  const item = await db.item.findFirstOrThrow({ where: { id: itemId, projectId }, select: { id: true, externalId: true, text: true, randKey: true } });
  const blind = item.randKey < blindShare;
  const suggestion = blind
    ? null
    : await db.suggestion.findFirst({
        where: { itemId, projectId, status: "OK" },
        orderBy: { createdAt: "desc" },
        select: { id: true, value: true, confidence: true, confidenceSource: true, rationale: true },
      });
  return { item: { id: item.id, externalId: item.externalId, text: item.text }, blind, suggestion, leasedUntil: leasedUntil.toISOString() };
}
