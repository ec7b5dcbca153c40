// The alignment domain's SQL: the stored gold split, the corrections a proposer may read, and the
// paired counts of a test on held-out gold.
import { sql, type Sql } from "@/lib/db/sql";
import { canonicalSql } from "@/lib/gold/canonical";
import type { TaskType } from "@/lib/values/value";

/** Share of the gold that is not blind held out from proposers (all blind gold is held out). */
export const HELD_OUT_SHARE = 0.5;

/**
 * Gives every human gold item of the project that has no part yet its part, once: blind gold is
 * held out (it is the measurement least touched by the suggestions), the rest by a fixed hash of
 * the item, so the split does not depend on when it is made. Rows are never updated: an item the
 * proposer has seen can never become a held-out item. Auto-accepted and audit gold are not human
 * gold of the model's kind and take no part.
 */
export const assignSplit = (projectId: string) =>
  sql`INSERT INTO "AlignmentSplit" ("itemId", "projectId", "heldOut")
      SELECT g."itemId", g."projectId",
             g.blind OR (('x' || substr(md5(g."projectId" || ':' || g."itemId"), 1, 8))::bit(32)::bigint / 4294967296.0) < ${HELD_OUT_SHARE}
      FROM "GoldLabel" g
      WHERE g."projectId" = ${projectId} AND NOT g.audit AND g.source <> 'AUTO'
        AND NOT EXISTS (SELECT 1 FROM "AlignmentSplit" a WHERE a."itemId" = g."itemId")
      ON CONFLICT ("itemId") DO NOTHING`;

/** `reserved`: held out before it had gold (to review where two versions disagree), not reviewed yet. */
export type SplitCounts = { proposer: number; heldOut: number; reserved: number };
export const splitCounts = (projectId: string) =>
  sql`SELECT (count(*) FILTER (WHERE NOT a."heldOut"))::int AS proposer,
             (count(*) FILTER (WHERE a."heldOut" AND g."itemId" IS NOT NULL))::int AS "heldOut",
             (count(*) FILTER (WHERE a."heldOut" AND g."itemId" IS NULL))::int AS reserved
      FROM "AlignmentSplit" a LEFT JOIN "GoldLabel" g ON g."itemId" = a."itemId" WHERE a."projectId" = ${projectId}`;

export type CorrectionRow = {
  itemId: number;
  externalId: string;
  text: string;
  gold: unknown;
  suggested: unknown;
  rationale: string | null;
  note: string | null;
};

/**
 * The version's wrong answers on gold of the proposer's part only (the join on a non-held-out
 * split row is what keeps held-out items out of every proposal), with the newest note people left
 * on its gold (an adjudication's note, a lead's reason for correcting it). At most `limit`.
 */
export function corrections(a: { projectId: string; versionId: string; taskType: TaskType; limit: number }): Sql {
  const [s, g] = [canonicalSql(a.taskType, sql`s.value`), canonicalSql(a.taskType, sql`s."goldValue"`)];
  return sql`SELECT s."itemId", i."externalId", left(i.text, 1500) AS text, s."goldValue" AS gold, s.value AS suggested, s.rationale,
                    (SELECT coalesce(e.data->>'note', e.data->>'reason') FROM "AuditEvent" e
                      WHERE e."projectId" = ${a.projectId} AND e."itemId" = s."itemId" AND e.kind IN ('gold.adjudicated', 'gold.corrected')
                      ORDER BY e.id DESC LIMIT 1) AS note
             FROM "Suggestion" s
             JOIN "AlignmentSplit" sp ON sp."itemId" = s."itemId" AND NOT sp."heldOut"
             JOIN "Item" i ON i.id = s."itemId"
             WHERE s."projectId" = ${a.projectId} AND s."promptVersionId" = ${a.versionId} AND s.status = 'OK'
               AND s."goldValue" IS NOT NULL AND ${s} <> ${g}
             -- A fixed pseudo-random sample when there are more than the limit: item order would favour old items.
             ORDER BY md5(s."itemId"::text || ${a.versionId}) LIMIT ${a.limit}`;
}

/** How many gold items of the proposer's part the version answered right. */
export function correctOnProposerPart(a: { projectId: string; versionId: string; taskType: TaskType }): Sql {
  const [s, g] = [canonicalSql(a.taskType, sql`s.value`), canonicalSql(a.taskType, sql`s."goldValue"`)];
  return sql`SELECT count(*)::int AS n FROM "Suggestion" s
             JOIN "AlignmentSplit" sp ON sp."itemId" = s."itemId" AND NOT sp."heldOut"
             WHERE s."projectId" = ${a.projectId} AND s."promptVersionId" = ${a.versionId} AND s.status = 'OK'
               AND s."goldValue" IS NOT NULL AND ${s} = ${g}`;
}

export type PairedRow = { n: number; onlyParent: number; onlyCandidate: number; bothRight: number };

/** Parent and candidate on the held-out gold items both answered: the paired counts. */
export function pairedOnHeldOut(a: { projectId: string; parentId: string; candidateId: string; taskType: TaskType }): Sql {
  const [p, c, g] = [canonicalSql(a.taskType, sql`p.value`), canonicalSql(a.taskType, sql`c.value`), canonicalSql(a.taskType, sql`p."goldValue"`)];
  return sql`SELECT count(*)::int AS n,
                    (count(*) FILTER (WHERE ${p} = ${g} AND ${c} <> ${g}))::int AS "onlyParent",
                    (count(*) FILTER (WHERE ${p} <> ${g} AND ${c} = ${g}))::int AS "onlyCandidate",
                    (count(*) FILTER (WHERE ${p} = ${g} AND ${c} = ${g}))::int AS "bothRight"
             FROM "Suggestion" p
             JOIN "AlignmentSplit" sp ON sp."itemId" = p."itemId" AND sp."heldOut"
             JOIN "Suggestion" c ON c."itemId" = p."itemId" AND c."promptVersionId" = ${a.candidateId} AND c.status = 'OK'
             WHERE p."projectId" = ${a.projectId} AND p."promptVersionId" = ${a.parentId} AND p.status = 'OK' AND p."goldValue" IS NOT NULL`;
}

export type LabelChangeRow = { label: string; parentRight: number; candidateRight: number; n: number };

/** Per gold label (single-valued tasks): how many held-out items each version got right. */
export function perLabelOnHeldOut(a: { projectId: string; parentId: string; candidateId: string; taskType: TaskType }): Sql {
  const [p, c, g] = [canonicalSql(a.taskType, sql`p.value`), canonicalSql(a.taskType, sql`c.value`), canonicalSql(a.taskType, sql`p."goldValue"`)];
  return sql`SELECT coalesce(p."goldValue"->>'label', ${g}) AS label, count(*)::int AS n,
                    (count(*) FILTER (WHERE ${p} = ${g}))::int AS "parentRight", (count(*) FILTER (WHERE ${c} = ${g}))::int AS "candidateRight"
             FROM "Suggestion" p
             JOIN "AlignmentSplit" sp ON sp."itemId" = p."itemId" AND sp."heldOut"
             JOIN "Suggestion" c ON c."itemId" = p."itemId" AND c."promptVersionId" = ${a.candidateId} AND c.status = 'OK'
             WHERE p."projectId" = ${a.projectId} AND p."promptVersionId" = ${a.parentId} AND p.status = 'OK' AND p."goldValue" IS NOT NULL
             GROUP BY 1 ORDER BY 1`;
}

/** How many gold items of the proposer's part the version answered (right or wrong). */
export const answeredOnProposerPart = (projectId: string, versionId: string) =>
  sql`SELECT count(*)::int AS n FROM "Suggestion" s JOIN "AlignmentSplit" sp ON sp."itemId" = s."itemId" AND NOT sp."heldOut"
      WHERE s."projectId" = ${projectId} AND s."promptVersionId" = ${versionId} AND s.status = 'OK'`;

/**
 * Reserves up to `count` unreviewed real items in the queue, in random order, as held out for a
 * round: the proposer can never see them, and once people review them they are held-out gold.
 */
export const reserveForReview = (a: { projectId: string; roundId: string; count: number }) =>
  sql`INSERT INTO "AlignmentSplit" ("itemId", "projectId", "heldOut", "roundId")
      SELECT i.id, i."projectId", true, ${a.roundId} FROM "Item" i
      WHERE i."projectId" = ${a.projectId} AND i."inQueue" AND i.origin = 'REAL'
        AND NOT EXISTS (SELECT 1 FROM "GoldLabel" g WHERE g."itemId" = i.id)
        AND NOT EXISTS (SELECT 1 FROM "AlignmentSplit" x WHERE x."itemId" = i.id)
      ORDER BY i."randKey" LIMIT ${a.count}
      ON CONFLICT ("itemId") DO NOTHING`;

/** Marks the round's reserved items without gold on which the two versions' answers differ; returns how many. */
export function markDisagreements(a: { projectId: string; roundId: string; parentId: string; candidateId: string; taskType: TaskType }): Sql {
  const [p, c] = [canonicalSql(a.taskType, sql`p.value`), canonicalSql(a.taskType, sql`c.value`)];
  return sql`UPDATE "AlignmentSplit" r SET "reviewFirst" = true
             FROM "Suggestion" p, "Suggestion" c
             WHERE r."projectId" = ${a.projectId} AND r."roundId" = ${a.roundId} AND NOT r."reviewFirst"
               AND p."itemId" = r."itemId" AND p."promptVersionId" = ${a.parentId} AND p.status = 'OK'
               AND c."itemId" = r."itemId" AND c."promptVersionId" = ${a.candidateId} AND c.status = 'OK'
               AND ${p} <> ${c}
               AND NOT EXISTS (SELECT 1 FROM "GoldLabel" g WHERE g."itemId" = r."itemId")`;
}
