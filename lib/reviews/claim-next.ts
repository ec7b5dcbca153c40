// The review queue. Claiming leases an item to one annotator (FOR UPDATE SKIP LOCKED, so
// concurrent annotators never wait for each other or get the same slot), up to the project's
// reviewers per item, and never an item this annotator already decided.
import { getDatabase } from "@/lib/db";
import type { SqlSession } from "@/lib/db/sql-session";
import { AppError } from "@/lib/errors";
import { reviewContextSelect, type ReviewContext } from "@/lib/reviews/review-context";
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
export async function claimNextItem(args: ClaimArgs): Promise<ReviewTask | null> {
  return (await claimNext(args)).task;
}

type ClaimArgs = { userId: string; projectId: string; skipItemIds?: number[] };

/** claimNextItem, plus how many decisions the annotator made today (the review screen's counter). */
export async function claimNext(args: ClaimArgs): Promise<{ task: ReviewTask | null; reviewedToday: number }> {
  const database = await getDatabase();
  return database.rawTransaction(async (sql) => {
    const tried: number[] = [...(args.skipItemIds ?? [])];
    // The claim's first round trip: membership and settings (no row for outsiders), today's count,
    // and renewing an item this annotator already holds (prefetched, or shown before a reload),
    // which comes first.
    const [opening] = await sql.query<{ project: ReviewContext | null; held: TaskRow | null; today: number }>(
      `WITH project AS (${reviewContextSelect("$1", "$2")}),
       held AS (
         UPDATE "ReviewAssignment" SET "leasedUntil" = now() + make_interval(secs => $4)
         WHERE EXISTS (SELECT 1 FROM project) AND ("itemId", "annotatorId") IN (
           SELECT "itemId", "annotatorId" FROM "ReviewAssignment"
           WHERE "projectId" = $1 AND "annotatorId" = $2 AND "doneAt" IS NULL AND "leasedUntil" > now() AND NOT ("itemId" = ANY($3::int[]))
           ORDER BY "leasedUntil" LIMIT 1)
         RETURNING "itemId", "leasedUntil")
       SELECT (SELECT row_to_json(p) FROM project p) AS project,
              (SELECT row_to_json(t) FROM (${taskSelect("held")}) t) AS held,
              (SELECT count(*)::int FROM "Decision" WHERE "projectId" = $1 AND "annotatorId" = $2 AND "createdAt" >= $5) AS today`,
      [args.projectId, args.userId, tried, REVIEW_LEASE_SECONDS, startOfToday()],
      { prepare: true },
    );
    const project = opening.project;
    if (!project) throw new AppError("NOT_FOUND", "Project not found.");
    const task = opening.held ? toTask(opening.held, project.blindShare) : await leaseNewItem(sql, args, project, tried);
    return { task, reviewedToday: opening.today };
  }, { softState: true });
}

function startOfToday() {
  const d = new Date();
  d.setHours(0, 0, 0, 0);
  return d;
}

async function leaseNewItem(sql: SqlSession, args: ClaimArgs, project: ReviewContext, tried: number[]): Promise<ReviewTask | null> {
  // Two steps. The first picks a candidate and locks its row (SKIP LOCKED: a concurrent claimer
  // moves on to another item instead of waiting). Its snapshot may predate a claim that committed a
  // moment ago, so the second statement, with a fresh snapshot and the row lock held, checks the
  // open slots again before taking one.
  const k = project.reviewersPerItem;
  for (let attempt = 0; attempt < 8; attempt++) {
    const pick = await sql.query<{ id: number }>(
      `SELECT i.id FROM "Item" i
       WHERE i."projectId" = $1 AND i."inQueue" AND NOT (i.id = ANY($4::int[]))
         AND NOT EXISTS (SELECT 1 FROM "ReviewAssignment" mine WHERE mine."itemId" = i.id AND mine."annotatorId" = $2
                         AND (mine."doneAt" IS NOT NULL OR mine."leasedUntil" > now()))
         AND i."reviewCount" + (SELECT count(*) FROM "ReviewAssignment" a WHERE a."itemId" = i.id AND a."doneAt" IS NULL
                                AND a."leasedUntil" > now() AND a."annotatorId" <> $2) < $3
       ORDER BY ${ORDER[project.queueOrder]}
       LIMIT 1
       FOR UPDATE OF i SKIP LOCKED`,
      [args.projectId, args.userId, k, tried],
      { prepare: true },
    );
    if (!pick.length) return null;
    const itemId = Number(pick[0].id);
    const leased = await sql.query<TaskRow>(
      withTask(`INSERT INTO "ReviewAssignment" ("itemId", "annotatorId", "projectId", "leasedUntil")
       SELECT i.id, $2, $1, now() + make_interval(secs => $4) FROM "Item" i
       WHERE i.id = $3 AND i."reviewCount" + (SELECT count(*) FROM "ReviewAssignment" a WHERE a."itemId" = i.id AND a."doneAt" IS NULL
                                              AND a."leasedUntil" > now() AND a."annotatorId" <> $2) < $5
       ON CONFLICT ("itemId", "annotatorId") DO UPDATE SET "leasedUntil" = EXCLUDED."leasedUntil"
         WHERE "ReviewAssignment"."doneAt" IS NULL
       RETURNING "itemId", "leasedUntil"`),
      [args.projectId, args.userId, itemId, REVIEW_LEASE_SECONDS, k],
      { prepare: true },
    );
    if (leased.length) return toTask(leased[0], project.blindShare);
    tried.push(itemId); // filled up meanwhile: try the next one
  }
  return null;
}

export type TaskRow = {
  itemId: number;
  leasedUntil: Date;
  externalId: string;
  text: string;
  randKey: number;
  suggestion: NonNullable<ReviewTask["suggestion"]> | null;
};

/**
 * Wraps a statement that leases items (`RETURNING "itemId", "leasedUntil"`) so the same round trip
 * returns what the review screen shows: the item and its latest good suggestion.
 */
export function withTask(leaseStatement: string): string {
  return `WITH lease AS (${leaseStatement}) ${taskSelect("lease")}`;
}

/** TaskRows for the leases in `leases` (a CTE with "itemId" and "leasedUntil"). */
function taskSelect(leases: string): string {
  return `SELECT lease."itemId", lease."leasedUntil", i."externalId", i.text, i."randKey",
           (SELECT json_build_object('id', s.id, 'value', s.value, 'confidence', s.confidence, 'confidenceSource', s."confidenceSource", 'rationale', s.rationale)
            FROM "Suggestion" s WHERE s."itemId" = i.id AND s.status = 'OK' ORDER BY s."createdAt" DESC LIMIT 1) AS suggestion
    FROM ${leases} lease JOIN "Item" i ON i.id = lease."itemId"`;
}

/** The suggestion goes out only when the item is outside the blind slice. */
export function toTask(row: TaskRow, blindShare: number): ReviewTask {
  const blind = row.randKey < blindShare;
  return {
    item: { id: row.itemId, externalId: row.externalId, text: row.text },
    blind,
    suggestion: blind ? null : row.suggestion,
    leasedUntil: new Date(row.leasedUntil).toISOString(),
  };
}
