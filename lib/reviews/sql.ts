// The review hot path's statements (claim, submit, undo, edit) and their row types. They run on
// the driver pool: through Prisma each of their ~25 queries cost more CPU than the database took
// to answer it. Membership and project settings come from the caller's ProjectAccess.
import { sql, trusted, type Sql } from "@/lib/db/sql";
import { auditInsert, auditInsertFrom } from "@/lib/audit/log";
import type { QueueOrder } from "@/lib/generated/prisma/enums";
import type { RecordedDecision } from "@/lib/reviews/types";
import { fixBlindness, goldStateColumns } from "@/lib/gold/sql";
import { shownSwappedSql } from "@/lib/pairwise/order";

/** Orders walked on Item's own indexes. The learner's orders walk LearnerQueue (pickLearnerCandidate). */
export type ItemOrder = "RANDOM" | "LOW_CONFIDENCE" | "IMPORT_ORDER";
const ORDER: Record<ItemOrder, Sql> = {
  RANDOM: trusted(`i."randKey"`),
  LOW_CONFIDENCE: trusted(`i."suggestionConfidence" ASC NULLS LAST, i."randKey"`),
  IMPORT_ORDER: trusted(`i.id`),
};
export const isItemOrder = (o: QueueOrder): o is ItemOrder => o in ORDER;

/** A Decision row as RecordedDecision, for SELECTs and RETURNING clauses. */
export const DECISION_COLUMNS = sql`id, "projectId", "itemId", "annotatorId", action::text AS action, value, blind, "suggestionId", seconds, "skipReason", version, "createdAt"`;

export type ReviewImage = { sha256: string; width: number; height: number; path: string };

export type TaskRow = {
  itemId: number;
  leasedUntil: Date;
  blind: boolean;
  externalId: string;
  text: string;
  synthetic: boolean;
  /** A pairwise item's responses and whether this person sees B first (lib/pairwise/order.ts). */
  pair: { a: string; b: string; swapped: boolean } | null;
  /** An image item's picture (ItemImage): served by /api/v1/projects/:id/media/:sha256. */
  image: ReviewImage | null;
  /** The distress categories the model flagged in the item (any good suggestion's; blind items too: it is about the content, not the label). */
  distress: string[] | null;
  suggestion: {
    id: string;
    value: unknown;
    confidence: number | null;
    confidenceSource: string | null;
    rationale: string | null;
    evidence: string[] | null;
    grounded: boolean | null;
  } | null;
};

/**
 * The suggestion a reviewer sees (and a decision is judged against): the newest good one, never
 * a candidate prompt's under test, and none on an item reserved to compare two versions where
 * they disagree (lib/alignment/acquire.ts): showing either answer would lean people towards it.
 * Both are probes of a primary key per task.
 */
const SHOWN = sql`s.status = 'OK'
  AND NOT EXISTS (SELECT 1 FROM "PromptVersion" v WHERE v.id = s."promptVersionId" AND v.trial)
  AND NOT EXISTS (SELECT 1 FROM "AlignmentSplit" a WHERE a."itemId" = s."itemId" AND a."reviewFirst")`;

/** TaskRows for the leases in `leases` (a CTE with "itemId", "annotatorId", "leasedUntil" and blind). */
function taskSelect(leases: Sql): Sql {
  return sql`SELECT lease."itemId", lease."leasedUntil", lease.blind, i."externalId", i.text, i.origin = 'SYNTHETIC' AS synthetic,
      (SELECT json_build_object('a', p."responseA", 'b', p."responseB", 'swapped', ${shownSwappedSql(sql`i.id`, sql`lease."annotatorId"`)})
       FROM "ItemPair" p WHERE p."itemId" = i.id) AS pair,
      (SELECT json_build_object('id', s.id, 'value', s.value, 'confidence', s.confidence, 'confidenceSource', s."confidenceSource", 'rationale', s.rationale, 'evidence', s.evidence, 'grounded', s.grounded)
       FROM "Suggestion" s WHERE s."itemId" = i.id AND ${SHOWN} ORDER BY s."createdAt" DESC LIMIT 1) AS suggestion,
      (SELECT json_build_object('sha256', m.sha256, 'width', m.width, 'height', m.height, 'path', m.path) FROM "ItemImage" m WHERE m."itemId" = i.id) AS image,
      (SELECT s.distress FROM "Suggestion" s WHERE s."itemId" = i.id AND s.status = 'OK' AND jsonb_array_length(s.distress) > 0 ORDER BY s."createdAt" DESC LIMIT 1) AS distress
    FROM ${leases} lease JOIN "Item" i ON i.id = lease."itemId"`;
}

/** Wraps a statement that leases items (RETURNING "itemId", "annotatorId", "leasedUntil", blind) so the same round trip returns what the screen shows. */
export const withTask = (leaseStatement: Sql) => sql`WITH lease AS (${leaseStatement}) ${taskSelect(sql`lease`)}`;

/** Items this annotator reviewed since a time (skips are not reviews). */
export const reviewedSince = (projectId: string, userId: string, since: Date) =>
  sql`SELECT count(*)::int FROM "Decision" WHERE "projectId" = ${projectId} AND "annotatorId" = ${userId} AND "createdAt" >= ${since} AND action <> 'SKIPPED'`;

/** Opening of a claim: renews an item this annotator already holds, and counts today's reviews. */
export function renewHeldLease(a: { projectId: string; userId: string; tried: number[]; leaseSeconds: number; since: Date }) {
  return sql`WITH held AS (
      UPDATE "ReviewAssignment" SET "leasedUntil" = now() + make_interval(secs => ${a.leaseSeconds})
      WHERE ("itemId", "annotatorId") IN (
        SELECT "itemId", "annotatorId" FROM "ReviewAssignment"
        WHERE "projectId" = ${a.projectId} AND "annotatorId" = ${a.userId} AND "doneAt" IS NULL AND "leasedUntil" > now() AND NOT ("itemId" = ANY(${a.tried}::int[]))
        ORDER BY "leasedUntil" LIMIT 1)
      RETURNING "itemId", "annotatorId", "leasedUntil", blind)
    SELECT (SELECT row_to_json(t) FROM (${taskSelect(sql`held`)}) t) AS held,
           (${reviewedSince(a.projectId, a.userId, a.since)}) AS today`;
}
export type RenewRow = { held: TaskRow | null; today: number };

/**
 * A candidate with an open slot, locked (SKIP LOCKED: concurrent claimers move on). In random
 * order each member starts at their own point of the order (their queueSeed) and wraps around:
 * `part` "from" is the stretch from that point on, "before" the stretch before it.
 */
type Claimer = { projectId: string; userId: string; k: number; tried: number[] };

/** Item i waits for a review this annotator may give: in the queue, not theirs already, a slot open. */
const claimable = (a: Claimer) =>
  sql`i."projectId" = ${a.projectId} AND i."inQueue" AND NOT (i.id = ANY(${a.tried}::int[]))
      AND NOT EXISTS (SELECT 1 FROM "ReviewAssignment" mine WHERE mine."itemId" = i.id AND mine."annotatorId" = ${a.userId}
                      AND (mine."doneAt" IS NOT NULL OR mine."leasedUntil" > now()))
      AND i."reviewCount" + (SELECT count(*) FROM "ReviewAssignment" x WHERE x."itemId" = i.id AND x."doneAt" IS NULL
                             AND x."leasedUntil" > now() AND x."annotatorId" <> ${a.userId}) < ${a.k}`;

/** `where`: an extra condition (a stream of the queue: the blind slice, the audit items, the rest). */
export function pickCandidate(a: Claimer & { order: ItemOrder; part?: "from" | "before"; where?: Sql }) {
  const seed = sql`(SELECT m."queueSeed" FROM "Membership" m WHERE m."projectId" = ${a.projectId} AND m."userId" = ${a.userId})`;
  const stretch = a.order !== "RANDOM" || !a.part ? sql`TRUE` : a.part === "from" ? sql`i."randKey" >= ${seed}` : sql`i."randKey" < ${seed}`;
  return sql`SELECT i.id FROM "Item" i
    WHERE ${claimable(a)} AND ${stretch} AND ${a.where ?? sql`TRUE`}
    ORDER BY ${ORDER[a.order]}
    LIMIT 1
    FOR UPDATE OF i SKIP LOCKED`;
}

/**
 * Items reserved to compare two prompt versions where their answers differ (lib/alignment): before
 * the project's order, in item order. Found from the reservation side, so a project without any
 * costs one probe of an index.
 */
export function pickReviewFirst(a: Claimer & { where?: Sql }) {
  return sql`SELECT i.id FROM "AlignmentSplit" r JOIN "Item" i ON i.id = r."itemId"
    WHERE r."projectId" = ${a.projectId} AND r."reviewFirst" AND ${claimable(a)} AND ${a.where ?? sql`TRUE`}
    ORDER BY r."itemId"
    LIMIT 1
    FOR UPDATE OF i SKIP LOCKED`;
}

/** The learner's orders: disagreement with the LLM first (then least certain), or least certain first. */
export function pickLearnerCandidate(a: Claimer & { disagreementFirst: boolean; where?: Sql }) {
  return sql`SELECT i.id FROM "LearnerQueue" q JOIN "Item" i ON i.id = q."itemId"
    WHERE q."projectId" = ${a.projectId} AND ${claimable(a)} AND ${a.where ?? sql`TRUE`}
    ORDER BY ${a.disagreementFirst ? sql`q.disagree DESC, q.margin ASC` : sql`q.margin ASC`}, q."itemId"
    LIMIT 1
    FOR UPDATE OF i SKIP LOCKED`;
}

/**
 * Takes a slot on the picked item, re-checking the open slots with a fresh snapshot. The item's
 * blindness is fixed at its first showing by its draw (inBlindSlice) and inherited by later
 * reviewers. An audit item is always shown without its suggestion, though it is not in the blind
 * slice: people check the auto-accept candidate blind.
 */
export function leaseItem(a: { projectId: string; userId: string; itemId: number; leaseSeconds: number; k: number; blindShare: number }) {
  return sql`WITH decided AS (${fixBlindness(a.itemId, a.blindShare)}),
    lease AS (
      INSERT INTO "ReviewAssignment" ("itemId", "annotatorId", "projectId", "leasedUntil", blind)
      SELECT i.id, ${a.userId}, ${a.projectId}, now() + make_interval(secs => ${a.leaseSeconds}), COALESCE((SELECT blind FROM decided), i.blind, false) OR i."autoAudit" FROM "Item" i
      WHERE i.id = ${a.itemId} AND i."reviewCount" + (SELECT count(*) FROM "ReviewAssignment" x WHERE x."itemId" = i.id AND x."doneAt" IS NULL
                                                      AND x."leasedUntil" > now() AND x."annotatorId" <> ${a.userId}) < ${a.k}
      ON CONFLICT ("itemId", "annotatorId") DO UPDATE SET "leasedUntil" = EXCLUDED."leasedUntil", blind = EXCLUDED.blind
        WHERE "ReviewAssignment"."doneAt" IS NULL
      RETURNING "itemId", "annotatorId", "leasedUntil", blind)
    ${taskSelect(sql`lease`)}`;
}

/**
 * Locks the item (decisions on one item take turns) and reads what a submission needs in the same
 * round trip: the caller's open assignment and its blindness, the suggestion shown, an earlier
 * submission with this id, and the text when spans must be checked against it.
 */
export function lockItemForDecision(a: { itemId: number; projectId: string; userId: string; decisionId: string; withText: boolean }) {
  return sql`SELECT (SELECT json_build_object('blind', x.blind, 'open', x."doneAt" IS NULL) FROM "ReviewAssignment" x WHERE x."itemId" = i.id AND x."annotatorId" = ${a.userId}) AS assignment,
        (SELECT json_build_object('id', s.id, 'value', s.value) FROM "Suggestion" s
         WHERE s."itemId" = i.id AND ${SHOWN} ORDER BY s."createdAt" DESC LIMIT 1) AS suggestion,
        (SELECT row_to_json(x) FROM (SELECT ${DECISION_COLUMNS} FROM "Decision" WHERE id = ${a.decisionId}) x) AS earlier,
        CASE WHEN ${a.withText} THEN i.text END AS text, i."autoAudit", i.origin::text AS origin
    FROM "Item" i WHERE i.id = ${a.itemId} AND i."projectId" = ${a.projectId} FOR UPDATE OF i`;
}
export type LockedItemRow = {
  assignment: { blind: boolean; open: boolean } | null;
  suggestion: { id: string; value: unknown } | null;
  earlier: RecordedDecision | null;
  text: string | null;
  /** Above the auto-accept threshold and kept for people: a decision on it feeds the audit. */
  autoAudit: boolean;
  origin: "REAL" | "SYNTHETIC";
};

/**
 * Closing the assignment, the decision and its audit event in one statement. The UPDATE waits for,
 * and re-checks against, a concurrent submission of the same item by the same annotator, so
 * exactly one of them records a decision. The statement started after the item's lock was
 * granted, so its snapshot has every other decision on the item: gold is settled from those plus
 * this one without reading again.
 */
export function recordDecision(d: {
  itemId: number;
  projectId: string;
  id: string;
  userId: string;
  action: string;
  value: unknown;
  blind: boolean;
  suggestionId: string | null;
  seconds: number;
  /** A skip's reason: DISTRESS, "I'd rather not see this". */
  skipReason?: string | null;
}) {
  return sql`WITH done AS (
      UPDATE "ReviewAssignment" SET "doneAt" = now() WHERE "itemId" = ${d.itemId} AND "annotatorId" = ${d.userId} AND "doneAt" IS NULL RETURNING 1),
    decision AS (
      INSERT INTO "Decision" (id, "projectId", "itemId", "annotatorId", action, value, blind, "suggestionId", seconds, "skipReason", "updatedAt")
      SELECT ${d.id}, ${d.projectId}, ${d.itemId}, ${d.userId}, ${d.action}::"DecisionAction", ${d.value === null ? null : JSON.stringify(d.value)}::jsonb,
             ${d.blind}, ${d.suggestionId}, ${d.seconds}, ${d.skipReason ?? null}::text, now() FROM done
      ON CONFLICT (id) DO NOTHING
      RETURNING ${DECISION_COLUMNS}),
    logged AS (${auditInsertFrom(
      "decision.created",
      sql`SELECT "projectId", "annotatorId", "itemId", jsonb_build_object('decisionId', id, 'action', action, 'value', value, 'blind', blind, 'skipReason', "skipReason") FROM decision`,
    )})
    SELECT (SELECT row_to_json(decision) FROM decision) AS decision, ${goldStateColumns(d.itemId)}`;
}

export const decisionById = (id: string) => sql`SELECT ${DECISION_COLUMNS} FROM "Decision" WHERE id = ${id}`;

/** The annotator's newest decision in the project, with when they last undid one. */
export const lastDecisionOf = (projectId: string, userId: string) =>
  sql`SELECT ${DECISION_COLUMNS}, (SELECT m."lastUndoAt" FROM "Membership" m WHERE m."projectId" = ${projectId} AND m."userId" = ${userId}) AS "lastUndoAt"
      FROM "Decision" WHERE "projectId" = ${projectId} AND "annotatorId" = ${userId} ORDER BY "createdAt" DESC LIMIT 1`;

/** Deletes the decision, logs it, remembers the undo, and hands the item back to its annotator. */
export const undoDecision = (a: { decision: RecordedDecision; leaseSeconds: number }) =>
  sql`WITH gone AS (DELETE FROM "Decision" WHERE id = ${a.decision.id}),
    remembered AS (UPDATE "Membership" SET "lastUndoAt" = now() WHERE "projectId" = ${a.decision.projectId} AND "userId" = ${a.decision.annotatorId}),
    logged AS (${auditInsert({
      projectId: a.decision.projectId,
      actorId: a.decision.annotatorId,
      itemId: a.decision.itemId,
      kind: "decision.undone",
      data: { decisionId: a.decision.id, action: a.decision.action, value: a.decision.value },
    })})
    INSERT INTO "ReviewAssignment" ("itemId", "annotatorId", "projectId", "leasedUntil", blind)
    VALUES (${a.decision.itemId}, ${a.decision.annotatorId}, ${a.decision.projectId}, now() + make_interval(secs => ${a.leaseSeconds}), ${a.decision.blind})
    -- The decision's own lease comes back; a decision without one (its lease removed since) gets a new one, as blind as the decision was.
    ON CONFLICT ("itemId", "annotatorId") DO UPDATE SET "doneAt" = NULL, "leasedUntil" = EXCLUDED."leasedUntil"
    RETURNING "itemId", "leasedUntil", blind`;

/** The caller's latest decisions in the project, newest first, with a glimpse of their items (the review screen's list). */
export const recentDecisionsOf = (a: { projectId: string; userId: string; limit: number }) =>
  sql`SELECT d.id, d."itemId", d.action::text AS action, d.value, d.blind, d.version, d."createdAt", i."externalId", left(i.text, 160) AS excerpt,
             CASE WHEN EXISTS (SELECT 1 FROM "ItemPair" p WHERE p."itemId" = d."itemId") THEN ${shownSwappedSql(sql`d."itemId"`, sql`d."annotatorId"`)} END AS swapped
      FROM "Decision" d JOIN "Item" i ON i.id = d."itemId"
      WHERE d."projectId" = ${a.projectId} AND d."annotatorId" = ${a.userId}
      ORDER BY d."createdAt" DESC LIMIT ${a.limit}`;
/** swapped: for a pairwise item, whether this person saw B on the left (null for other items). */
export type RecentDecisionRow = {
  id: string;
  itemId: number;
  action: RecordedDecision["action"];
  value: unknown;
  blind: boolean;
  version: number;
  createdAt: Date;
  externalId: string;
  excerpt: string;
  swapped: boolean | null;
};

/** Where an item stands in the queue after a decision (for the counters). */
export const queueStateOf = (itemId: number) => sql`SELECT "inQueue", "needsAdjudication" FROM "Item" WHERE id = ${itemId}`;

/** One of the caller's decisions, with the suggestion it was made against. */
export const ownDecision = (a: { decisionId: string; projectId: string; userId: string }) =>
  sql`SELECT ${DECISION_COLUMNS}, (SELECT s.value FROM "Suggestion" s WHERE s.id = d."suggestionId") AS "suggestionValue",
             (SELECT i.text FROM "Item" i WHERE i.id = d."itemId") AS "itemText"
      FROM "Decision" d WHERE id = ${a.decisionId} AND "projectId" = ${a.projectId} AND "annotatorId" = ${a.userId}`;

/** The version check and the write are one statement: of two edits from the same version, one wins. */
export const editDecisionValue = (a: { id: string; version: number; value: unknown; action: string; previous: unknown }) =>
  sql`WITH changed AS (
      UPDATE "Decision" SET value = ${JSON.stringify(a.value)}::jsonb, action = ${a.action}::"DecisionAction", version = version + 1, "updatedAt" = now()
      WHERE id = ${a.id} AND version = ${a.version} RETURNING ${DECISION_COLUMNS}),
    logged AS (${auditInsertFrom(
      "decision.edited",
      sql`SELECT "projectId", "annotatorId", "itemId", jsonb_build_object('decisionId', id, 'from', ${a.previous === null ? null : JSON.stringify(a.previous)}::jsonb, 'to', value, 'version', version) FROM changed`,
    )})
    SELECT * FROM changed`;

export const currentVersion = (id: string) => sql`SELECT value, version FROM "Decision" WHERE id = ${id}`;
