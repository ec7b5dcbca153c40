// Care for the people who review: the content warning each reviewer acknowledges before their first
// item (and again when the lead changes it), the lead's care settings, and the workload per
// reviewer, count and time, listed by name: a picture of who carries how much, not a ranking.
import { getDatabase } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import type { ProjectAccess } from "@/lib/auth/access";
import { distressCategoriesOf, type CareSettings } from "@/lib/reviews/care-settings";

export type ReviewerCare = {
  /** The warning to show before reviewing, or null when there is none or this reviewer acknowledged it. */
  warning: string | null;
  blurDistressing: boolean;
  dailyCap: number | null;
  breakMinutes: number | null;
};

/** What the review screen needs to care for this reviewer. */
export async function careFor(access: ProjectAccess): Promise<ReviewerCare> {
  const database = await getDatabase();
  const [r] = await database.query<{ contentWarning: string; due: boolean; blurDistressing: boolean; dailyCap: number | null; breakMinutes: number | null }>(
    sql`SELECT p."contentWarning", p."blurDistressing", p."dailyCap", p."breakMinutes",
               (m."warningSeenAt" IS NULL OR m."warningSeenAt" < p."contentWarningAt") AS due
        FROM "Project" p JOIN "Membership" m ON m."projectId" = p.id AND m."userId" = ${access.userId} WHERE p.id = ${access.projectId}`,
  );
  return {
    warning: r.contentWarning && r.due ? r.contentWarning : null,
    blurDistressing: r.blurDistressing,
    dailyCap: r.dailyCap,
    breakMinutes: r.breakMinutes,
  };
}

/** The reviewer read the warning: not shown again until the lead changes it. */
export async function acknowledgeWarning(access: ProjectAccess): Promise<void> {
  const database = await getDatabase();
  await database.query(sql`UPDATE "Membership" SET "warningSeenAt" = now() WHERE "projectId" = ${access.projectId} AND "userId" = ${access.userId}`);
}

/** The lead's care settings as stored, for the form. */
export async function careSettings(access: ProjectAccess): Promise<CareSettings> {
  const database = await getDatabase();
  const [r] = await database.query<CareSettings & { distressCategories: unknown }>(
    sql`SELECT "contentWarning", "distressCategories", "blurDistressing", "dailyCap", "breakMinutes" FROM "Project" WHERE id = ${access.projectId}`,
  );
  return { ...r, distressCategories: distressCategoriesOf(r.distressCategories) };
}

/** Saves the care settings; a changed warning is shown again to everyone (contentWarningAt moves). */
export async function updateCareSettings(access: ProjectAccess, s: CareSettings): Promise<void> {
  const database = await getDatabase();
  await database.query(
    sql`UPDATE "Project" SET
          "contentWarningAt" = CASE WHEN "contentWarning" IS DISTINCT FROM ${s.contentWarning} THEN now() ELSE "contentWarningAt" END,
          "contentWarning" = ${s.contentWarning}, "distressCategories" = ${JSON.stringify(s.distressCategories)}::jsonb,
          "blurDistressing" = ${s.blurDistressing}, "dailyCap" = ${s.dailyCap}::int, "breakMinutes" = ${s.breakMinutes}::int
        WHERE id = ${access.projectId}`,
  );
}

export type WorkloadRow = {
  annotatorId: string;
  name: string;
  todayItems: number;
  todaySeconds: number;
  weekItems: number;
  weekSeconds: number;
  /** Items they chose not to see ("I'd rather not see this"), never counted as work left undone. */
  optedOut: number;
};

/** Per reviewer, today (since `since`) and the last 7 days: items reviewed and time spent, by name. */
export async function workload(access: ProjectAccess, since: Date): Promise<WorkloadRow[]> {
  const database = await getDatabase();
  const weekAgo = new Date(Date.now() - 7 * 24 * 3600 * 1000);
  // Member by member through the (projectId, annotatorId, createdAt) index: a week of each one's
  // decisions, never the project's whole history.
  const rows = await database.query<WorkloadRow>(
    sql`SELECT m."userId" AS "annotatorId", u.name, w.*
        FROM "Membership" m JOIN "User" u ON u.id = m."userId"
        CROSS JOIN LATERAL (
          SELECT (count(*) FILTER (WHERE d."createdAt" >= ${since} AND d.action <> 'SKIPPED'))::int AS "todayItems",
                 coalesce(sum(d.seconds) FILTER (WHERE d."createdAt" >= ${since} AND d.action <> 'SKIPPED'), 0)::float8 AS "todaySeconds",
                 (count(*) FILTER (WHERE d.action <> 'SKIPPED'))::int AS "weekItems",
                 coalesce(sum(d.seconds) FILTER (WHERE d.action <> 'SKIPPED'), 0)::float8 AS "weekSeconds",
                 (count(*) FILTER (WHERE d."skipReason" = 'DISTRESS'))::int AS "optedOut"
          FROM "Decision" d WHERE d."projectId" = m."projectId" AND d."annotatorId" = m."userId" AND d."createdAt" >= ${weekAgo}) w
        WHERE m."projectId" = ${access.projectId}
        ORDER BY u.name, m."userId"`,
  );
  return rows;
}
