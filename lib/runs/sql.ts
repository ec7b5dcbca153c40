// Run statements: selecting items, claiming the run and its items, writing outcomes. Row types
// beside them. Lock order, everywhere: Project, InstanceSettings, MonthlySpend, RunItem rows (in
// item order), Item rows (see lib/runs/budget.ts).
import { and, join, sql, type Sql } from "@/lib/db/sql";
import type { Selection } from "@/lib/runs/schemas";

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The items a selection covers (`base`), and the test that one has no good suggestion from this version yet (`fresh`). */
export function selectionWhere(projectId: string, promptVersionId: string, selection: Selection): { base: Sql; fresh: Sql } {
  // Synthetic items already carry their intended label; Quality measures the model on real items only.
  const where = [sql`i."projectId" = ${projectId}`, sql`i.origin = 'REAL'`];
  if (selection.kind === "GOLD") where.push(sql`EXISTS (SELECT 1 FROM "GoldLabel" g WHERE g."itemId" = i.id)`);
  if (selection.kind === "HELD_OUT") where.push(sql`EXISTS (SELECT 1 FROM "AlignmentSplit" a WHERE a."itemId" = i.id AND a."heldOut")`);
  if (selection.kind === "FILTER") {
    if (selection.status) where.push(sql`i.status = ${selection.status}::"ItemStatus"`);
    for (const word of (selection.q ?? "").split(/\s+/).filter(Boolean)) where.push(sql`i.text ILIKE ${`%${escapeLike(word)}%`}`);
  }
  const fresh = sql`NOT EXISTS (SELECT 1 FROM "Suggestion" s WHERE s."itemId" = i.id AND s."promptVersionId" = ${promptVersionId} AND s.status = 'OK')`;
  return { base: and(where), fresh };
}

/** A run never covers an item that already has this version's answer: that would bill the same item twice. */
export const insertRunItems = (runId: string, w: { base: Sql; fresh: Sql }) =>
  sql`INSERT INTO "RunItem" ("runId", "itemId") SELECT ${runId}, i.id FROM "Item" i WHERE ${w.base} AND ${w.fresh}`;

/** For the run form: how many items, their characters and UTF-8 bytes, and how many already have this version's answer. */
/** What the model reads of an item: its text, and a pairwise item's two responses. */
const PAIR_CHARS = sql`(SELECT length(p."responseA") + length(p."responseB") FROM "ItemPair" p WHERE p."itemId" = i.id)`;
const PAIR_BYTES = sql`(SELECT octet_length(p."responseA") + octet_length(p."responseB") FROM "ItemPair" p WHERE p."itemId" = i.id)`;

/**
 * An image item's picture in tokens as it is sent: scaled within 1568 px on the long edge and
 * 1.15 megapixels (lib/media/image.ts, sentSize), then width × height / 750.
 */
const IMAGE_TOKENS = sql`(SELECT ceil(m.width::float8 * m.height * least(1.0, (1568.0 / greatest(m.width, m.height)) ^ 2, 1150000.0 / (m.width::float8 * m.height)) / 750)
                          FROM "ItemImage" m WHERE m."itemId" = i.id)`;

/**
 * `content`: what the project's items hold (TaskTypeDef.content). A pair's responses are read too,
 * a picture's tokens summed; a text project skips both lookups.
 */
export function selectionSize(w: { base: Sql; fresh: Sql }, content: "text" | "pair" | "image" = "text") {
  const images = content === "image";
  const pairs = content === "pair";
  const ITEM_CHARS = sql`(length(i.text) + ${pairs ? sql`coalesce(${PAIR_CHARS}, 0)` : sql`0`})`;
  return sql`SELECT (count(*) FILTER (WHERE ${w.fresh}))::int AS items,
             ${images ? sql`coalesce(sum(${IMAGE_TOKENS}) FILTER (WHERE ${w.fresh}), 0)::float8` : sql`0::float8`} AS "imageTokens",
             coalesce(sum(${ITEM_CHARS}) FILTER (WHERE ${w.fresh}), 0)::float8 AS chars,
             coalesce(sum(octet_length(i.text) + ${pairs ? sql`coalesce(${PAIR_BYTES}, 0)` : sql`0`}) FILTER (WHERE ${w.fresh}), 0)::float8 AS bytes,
             coalesce(max(${ITEM_CHARS}) FILTER (WHERE ${w.fresh}), 0)::int AS "longest",
             (count(*) FILTER (WHERE NOT ${w.fresh}))::int AS "alreadyLabeled"
      FROM "Item" i WHERE ${w.base}`;
}
export type SelectionSizeRow = { items: number; imageTokens: number; chars: number; bytes: number; longest: number; alreadyLabeled: number };

/**
 * Pending items that meanwhile got a good suggestion from this version (another run of it, before
 * this one was resumed) are dropped from the run rather than billed again.
 */
export const dropAlreadyLabeled = (runId: string, promptVersionId: string) =>
  sql`WITH gone AS (
        DELETE FROM "RunItem" r WHERE r."runId" = ${runId} AND r.status = 'PENDING' AND r."reservedUsd" = 0
          AND EXISTS (SELECT 1 FROM "Suggestion" s WHERE s."itemId" = r."itemId" AND s."promptVersionId" = ${promptVersionId} AND s.status = 'OK')
        RETURNING 1)
      UPDATE "Run" SET "totalItems" = "totalItems" - (SELECT count(*) FROM gone) WHERE id = ${runId} AND EXISTS (SELECT 1 FROM gone)`;

/** Leases up to `n` pending items whose lease is free. */
export const claimRunItems = (runId: string, n: number, leaseSeconds: number) =>
  sql`UPDATE "RunItem" r SET "lockedUntil" = now() + make_interval(secs => ${leaseSeconds}), attempts = r.attempts + 1
      FROM (SELECT "itemId" FROM "RunItem" WHERE "runId" = ${runId} AND status = 'PENDING' AND ("lockedUntil" IS NULL OR "lockedUntil" < now())
            ORDER BY "itemId" LIMIT ${n} FOR UPDATE SKIP LOCKED) pick
      WHERE r."runId" = ${runId} AND r."itemId" = pick."itemId"
      RETURNING r."itemId", r."reservedUsd"::text`;
export type ClaimedRunItemRow = { itemId: number; reservedUsd: string };

/** Items still being answered (slow, or retrying) keep their lease. */
export const extendItemLeases = (runId: string, itemIds: number[], leaseSeconds: number) =>
  sql`UPDATE "RunItem" SET "lockedUntil" = now() + make_interval(secs => ${leaseSeconds}) WHERE "runId" = ${runId} AND "itemId" = ANY(${itemIds}::int[]) AND status = 'PENDING'`;

export const reservedOf = (runId: string, itemIds: number[]) =>
  sql`SELECT COALESCE(SUM("reservedUsd"), 0)::float8 AS reserved FROM "RunItem" WHERE "runId" = ${runId} AND "itemId" = ANY(${itemIds}::int[])`;

/** Only the first settlement of an item counts (a lease that ran out can let two workers answer the same item). */
export const markRunItems = (runId: string, statuses: { i: number; s: "DONE" | "FAILED" }[]) =>
  sql`UPDATE "RunItem" r SET status = x.s::"RunItemStatus", "lockedUntil" = NULL, "reservedUsd" = 0
      FROM (SELECT * FROM json_to_recordset(${JSON.stringify(statuses)}::json) AS j(i int, s text) ORDER BY i) x
      WHERE r."runId" = ${runId} AND r."itemId" = x.i AND r.status = 'PENDING'
      RETURNING r."itemId"`;

export const clearReservations = (runId: string, itemIds: number[]) =>
  sql`UPDATE "RunItem" SET "reservedUsd" = 0 WHERE "runId" = ${runId} AND "itemId" = ANY(${itemIds}::int[]) AND "reservedUsd" <> 0`;

export const lockItems = (itemIds: number[]) => sql`SELECT 1 FROM "Item" WHERE id = ANY(${itemIds}::int[]) ORDER BY id FOR UPDATE`;

// Failed rows may be replaced by a later answer; a good suggestion is never overwritten.
export const upsertSuggestions = (a: { projectId: string; promptVersionId: string; runId: string; model: string; rowsJson: string }) =>
  sql`INSERT INTO "Suggestion" (id, "projectId", "itemId", "promptVersionId", "runId", status, value, confidence, "confidenceSource",
        rationale, evidence, grounded, distress, judgments, "failureReason", model, "inputTokens", "outputTokens", "cacheReadTokens", "cacheWriteTokens", "costUsd", "latencyMs", "createdAt")
      SELECT x.id, ${a.projectId}, x."itemId", ${a.promptVersionId}, ${a.runId}, x.status::"SuggestionStatus", x.value, x.confidence, x."confidenceSource",
        x.rationale, x.evidence, x.grounded, x.distress, x.judgments, x."failureReason", ${a.model}, x."inputTokens", x."outputTokens", x."cacheReadTokens", x."cacheWriteTokens", x."costUsd", x."latencyMs", now()
      FROM json_to_recordset(${a.rowsJson}::json) AS x(id text, "itemId" int, status text, value jsonb, confidence float8, "confidenceSource" text, rationale text,
        evidence jsonb, grounded boolean, distress jsonb, judgments jsonb, "failureReason" text, "inputTokens" int, "outputTokens" int, "cacheReadTokens" int, "cacheWriteTokens" int, "costUsd" numeric, "latencyMs" int)
      ON CONFLICT ("itemId", "promptVersionId") DO UPDATE SET
        "runId" = EXCLUDED."runId", status = EXCLUDED.status, value = EXCLUDED.value, confidence = EXCLUDED.confidence,
        "confidenceSource" = EXCLUDED."confidenceSource", rationale = EXCLUDED.rationale, evidence = EXCLUDED.evidence, grounded = EXCLUDED.grounded, distress = EXCLUDED.distress, judgments = EXCLUDED.judgments, "failureReason" = EXCLUDED."failureReason",
        "inputTokens" = EXCLUDED."inputTokens", "outputTokens" = EXCLUDED."outputTokens", "cacheReadTokens" = EXCLUDED."cacheReadTokens",
        "cacheWriteTokens" = EXCLUDED."cacheWriteTokens", "costUsd" = EXCLUDED."costUsd", "latencyMs" = EXCLUDED."latencyMs", "createdAt" = now()
      WHERE "Suggestion".status = 'FAILED'`;

/**
 * Why a run's items failed, grouped by reason, most frequent first: what the run card shows
 * while the run goes on. Reads only the run's FAILED items (RunItem_runId_status_idx) and their
 * suggestion from the run's version (one row each by the unique key), so it stays cheap to poll.
 */
export const failureReasons = (runIds: string[]) =>
  sql`SELECT ri."runId", coalesce(s."failureReason", 'no reason recorded') AS reason, count(*)::int AS count
      FROM "RunItem" ri
      JOIN "Run" r ON r.id = ri."runId"
      LEFT JOIN "Suggestion" s ON s."itemId" = ri."itemId" AND s."promptVersionId" = r."promptVersionId" AND s.status = 'FAILED'
      WHERE ri."runId" IN (${join(runIds)}) AND ri.status = 'FAILED'
      GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2`;
export type FailureReasonRow = { runId: string; reason: string; count: number };

/** Cancelled batch-mode runs whose batches are still open at the API and that no job is cancelling. */
export const uncancelledBatchRuns = (queue: string) =>
  sql`SELECT t.id, t."projectId" FROM "Run" t
      WHERE t.status = 'CANCELLED' AND cardinality(t."batchIds") > 0
        AND NOT EXISTS (SELECT 1 FROM pgboss.job j WHERE j.name = ${queue} AND j.state < 'completed' AND j.data->>'runId' = t.id)
      LIMIT 100`;
