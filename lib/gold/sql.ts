// The gold module's settling statements. Only lib/gold moves an item between review states (in
// the queue, waiting for adjudication, reviewed), fixes its blindness and writes or removes its
// gold: these statements, and the rulings, corrections, relabels and auto-accept beside their own
// logic. An item is created (by an import or synthesis) in the start state, the columns' defaults:
// NEW, in the queue, blindness not yet fixed, no gold. The states:
//   NEW / PRELABELED, inQueue          waiting for reviews (fewer than k non-skip decisions)
//   needsAdjudication, not inQueue     k decisions that disagree: a lead rules (lib/gold/adjudicate)
//   rejectedAt, not inQueue, no gold    a reviewer rejected the synthetic item as unusable
//   REVIEWED, not inQueue, GoldLabel   agreement of k reviewers, a ruling, a correction, AUTO, or
//                                      IMPORTED (a label the team had: lib/gold/imported-labels.ts)
// Database triggers keep copies in step and are not writers of state: Suggestion.goldValue /
// goldBlind follow GoldLabel, and Suggestion.acceptedCount / correctedCount follow Decision
// (migration 20261126142212_metrics_at_scale); AUTO gold is not copied (migration
// 20261130090000_auto_accept), so it never measures the model.
import { sql, type Sql } from "@/lib/db/sql";

/**
 * The item's non-skip decision values, whether they were all blind (null without any), and its
 * gold's source, as select-list expressions.
 */
export function goldStateColumns(itemId: number): Sql {
  return sql`(SELECT coalesce(json_agg(d.value), '[]'::json) FROM "Decision" d WHERE d."itemId" = ${itemId} AND d.action NOT IN ('SKIPPED', 'REJECTED')) AS values,
    (SELECT bool_and(d.blind) FROM "Decision" d WHERE d."itemId" = ${itemId} AND d.action NOT IN ('SKIPPED', 'REJECTED')) AS blind,
    EXISTS (SELECT 1 FROM "Decision" d WHERE d."itemId" = ${itemId} AND d.action = 'REJECTED') AS rejected,
    (SELECT g.source::text FROM "GoldLabel" g WHERE g."itemId" = ${itemId}) AS "goldSource",
    (SELECT i."autoAudit" FROM "Item" i WHERE i.id = ${itemId}) AS audit`;
}
/** rejected: a reviewer judged the (synthetic) item unusable; audit: an auto-accept audit item (its gold is the audit's slice). */
export type GoldState = { values: unknown[]; blind: boolean | null; goldSource: string | null; rejected: boolean; audit: boolean };

/**
 * In the blind slice: the item's own draw, fixed when it was created, below the blind share. Known
 * before anyone reviews the item, independent of its confidence and of the queue order.
 */
export const inBlindSlice = (blindShare: number) => sql`i."blindDraw" < ${blindShare}::float8`;

/** An item's blindness, fixed at its first showing by its draw (a part of the lease's statement; RETURNING blind when it was fixed now). */
export const fixBlindness = (itemId: number, blindShare: number) =>
  sql`UPDATE "Item" i SET blind = ${inBlindSlice(blindShare)} WHERE i.id = ${itemId} AND i.blind IS NULL RETURNING i.blind`;

/** Items given a suggestion that is not a run's (a synthetic item's intended label): NEW becomes PRELABELED, with no confidence to order by. */
export const markSuggested = (itemIds: number[]) => sql`UPDATE "Item" SET status = 'PRELABELED' WHERE id = ANY(${itemIds}::int[]) AND status = 'NEW'`;

/** Locks an item (decisions, rulings and settling on one item take turns) and returns what its callers check. */
export const lockItem = (itemId: number) =>
  sql`SELECT id, "projectId", text, "externalId", "needsAdjudication", "autoAudit" FROM "Item" WHERE id = ${itemId} FOR UPDATE`;
export type LockedItem = { id: number; projectId: string; text: string; externalId: string; needsAdjudication: boolean; autoAudit: boolean };

/**
 * A lead's gold (a ruling or a correction): it stands over later changes of the reviewers'
 * answers. An audit item's gold stays in the audit's slice whoever sets it. Returns the gold it replaced.
 */
export const writeLeadGold = (a: {
  itemId: number;
  projectId: string;
  value: unknown;
  source: "ADJUDICATION" | "CORRECTION";
  blind: boolean;
  audit: boolean;
}) =>
  sql`WITH before AS (SELECT value, blind FROM "GoldLabel" WHERE "itemId" = ${a.itemId}),
        gold AS (
          INSERT INTO "GoldLabel" ("itemId", "projectId", value, source, blind, audit, "updatedAt")
          VALUES (${a.itemId}, ${a.projectId}, ${JSON.stringify(a.value)}::jsonb, ${a.source}::"GoldSource", ${a.blind}, ${a.audit}, now())
          ON CONFLICT ("itemId") DO UPDATE SET value = EXCLUDED.value, source = EXCLUDED.source, blind = EXCLUDED.blind, audit = EXCLUDED.audit, "updatedAt" = now()),
        item AS (UPDATE "Item" SET "needsAdjudication" = false, "inQueue" = false, status = 'REVIEWED' WHERE id = ${a.itemId})
      SELECT (SELECT value FROM before) AS value, (SELECT blind FROM before) AS blind`;

/** A ruling taken back: no gold, waiting for a ruling again. */
export const withdrawRuling = (itemId: number) =>
  sql`WITH gone AS (DELETE FROM "GoldLabel" WHERE "itemId" = ${itemId})
      UPDATE "Item" SET "needsAdjudication" = true, "inQueue" = false WHERE id = ${itemId}`;

/** Fewer than k decisions: back in the queue, without gold. */
export const reopenItem = (itemId: number, reviews: number) =>
  sql`WITH gone AS (DELETE FROM "GoldLabel" WHERE "itemId" = ${itemId})
      UPDATE "Item" SET "reviewCount" = ${reviews}, "inQueue" = true, "needsAdjudication" = false, "rejectedAt" = NULL,
        status = (CASE WHEN "suggestionConfidence" IS NULL THEN 'NEW' ELSE 'PRELABELED' END)::"ItemStatus"
      WHERE id = ${itemId}`;

/** k decisions that agree: gold. An audit item's gold is marked so (never blind: the audit is its own slice). */
export const writeAgreedGold = (a: {
  itemId: number;
  projectId: string;
  reviews: number;
  value: unknown;
  source: "SINGLE_REVIEW" | "AGREEMENT";
  blind: boolean;
  audit: boolean;
}) =>
  sql`WITH gold AS (
        INSERT INTO "GoldLabel" ("itemId", "projectId", value, source, blind, audit, "updatedAt")
        VALUES (${a.itemId}, ${a.projectId}, ${JSON.stringify(a.value)}::jsonb, ${a.source}::"GoldSource", ${a.blind && !a.audit}, ${a.audit}, now())
        ON CONFLICT ("itemId") DO UPDATE SET value = EXCLUDED.value, source = EXCLUDED.source, blind = EXCLUDED.blind, audit = EXCLUDED.audit, "updatedAt" = now())
      UPDATE "Item" SET "reviewCount" = ${a.reviews}, "inQueue" = false, "needsAdjudication" = false, "rejectedAt" = NULL, status = 'REVIEWED' WHERE id = ${a.itemId}`;

/** k decisions that disagree: out of the queue, waiting for a lead. */
export const sendToAdjudication = (itemId: number, reviews: number) =>
  sql`WITH gone AS (DELETE FROM "GoldLabel" WHERE "itemId" = ${itemId})
      UPDATE "Item" SET "reviewCount" = ${reviews}, "inQueue" = false, "needsAdjudication" = true, "rejectedAt" = NULL WHERE id = ${itemId}`;

/** A reviewer rejected the (synthetic) item as unusable: no gold, out of the queue and of exports. */
export const rejectItem = (itemId: number, reviews: number) =>
  sql`WITH gone AS (DELETE FROM "GoldLabel" WHERE "itemId" = ${itemId})
      UPDATE "Item" SET "reviewCount" = ${reviews}, "inQueue" = false, "needsAdjudication" = false, "rejectedAt" = coalesce("rejectedAt", now()) WHERE id = ${itemId}`;

/** A lead's ruling stands: only the count changes. */
export const keepRuling = (itemId: number, reviews: number) => sql`UPDATE "Item" SET "reviewCount" = ${reviews}, "inQueue" = false WHERE id = ${itemId}`;

/** Items that have enough decisions for a lowered k but no gold yet (and no pending adjudication). */
export const itemsToSettle = (projectId: string, k: number, afterId: number) =>
  sql`SELECT id FROM "Item" WHERE "projectId" = ${projectId} AND "reviewCount" >= ${k} AND "inQueue" AND NOT "needsAdjudication" AND id > ${afterId}
      ORDER BY id LIMIT 500`;

/** After k changed: the queue flag follows the new k, except for items a lead ruled on, auto-accepted ones and imported gold. */
export const requeueForK = (projectId: string, k: number) =>
  sql`UPDATE "Item" SET "inQueue" = ("reviewCount" < ${k} AND NOT "needsAdjudication")
      WHERE "projectId" = ${projectId} AND "inQueue" IS DISTINCT FROM ("reviewCount" < ${k} AND NOT "needsAdjudication")
        AND NOT EXISTS (SELECT 1 FROM "GoldLabel" g WHERE g."itemId" = "Item".id AND g.source IN ('ADJUDICATION', 'CORRECTION', 'AUTO', 'IMPORTED'))`;

/** The newest good suggestion's confidence orders the "lowest confidence first" queue. */
export const markPrelabeled = (projectId: string, confidences: { i: number; c: number }[]) =>
  sql`UPDATE "Item" it SET status = CASE WHEN it.status = 'NEW' THEN 'PRELABELED'::"ItemStatus" ELSE it.status END, "suggestionConfidence" = x.c
      FROM (SELECT * FROM json_to_recordset(${JSON.stringify(confidences)}::json) AS j(i int, c float8) ORDER BY i) x
      WHERE it."projectId" = ${projectId} AND it.id = x.i`;
