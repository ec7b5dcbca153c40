// Labels that arrive with an import (lib/imports/label-values.ts reads them): the gold module's
// writer for IMPORTED gold, and the statements for reference labels and another model's
// predictions. All run inside the import chunk's transaction, so a chunk's items and their labels
// land together or not at all. Items are locked in id order before gold or suggestions are written,
// as every other writer does, so the triggers that copy gold onto suggestions cannot miss a write.
import crypto from "node:crypto";
import { sql } from "@/lib/db/sql";
import type { SqlSession } from "@/lib/db/sql-session";
import type { SuggestionValue } from "@/lib/values/value";

export type ImportedLabelRow = { externalId: string; value: SuggestionValue };
/** annotations: every annotation the reference was chosen from (Label Studio); a table's label is its own only one. */
export type ImportedReferenceRow = ImportedLabelRow & { annotations?: unknown[] };
export type ImportedPredictionRow = ImportedLabelRow & { confidence: number | null; versionId: string; source: string };

const recordset = (rows: ImportedLabelRow[]) => JSON.stringify(rows.map((r) => ({ e: r.externalId, v: r.value })));

/**
 * Existing labels as gold (source IMPORTED), where no person has worked on the item: no non-skip
 * review, no pending adjudication, and no gold but an earlier import's or auto-accept's (an
 * imported human label is better than an unchecked one). Such items leave the queue as REVIEWED.
 * Returns how many became gold; the rest were kept as they were.
 */
export async function writeImportedGold(tx: SqlSession, projectId: string, rows: ImportedLabelRow[]): Promise<number> {
  if (!rows.length) return 0;
  const written = await tx.query<{ id: number }>(sql`
    WITH x AS (SELECT j.e, j.v FROM json_to_recordset(${recordset(rows)}::json) AS j(e text, v jsonb)),
    target AS (SELECT i.id, x.v FROM x JOIN "Item" i ON i."projectId" = ${projectId} AND i."externalId" = x.e
               WHERE i."reviewCount" = 0 AND NOT i."needsAdjudication" ORDER BY i.id FOR UPDATE OF i),
    gold AS (INSERT INTO "GoldLabel" ("itemId", "projectId", value, source, blind, "updatedAt")
             SELECT id, ${projectId}, v, 'IMPORTED', false, now() FROM target
             ON CONFLICT ("itemId") DO UPDATE SET value = EXCLUDED.value, source = EXCLUDED.source, blind = false, "updatedAt" = now()
               WHERE "GoldLabel".source IN ('IMPORTED', 'AUTO')
             RETURNING "itemId")
    UPDATE "Item" SET status = 'REVIEWED', "inQueue" = false, "autoAudit" = false WHERE id IN (SELECT "itemId" FROM gold) RETURNING id`);
  return written.length;
}

/**
 * Existing labels kept beside the items as a reference, with every annotation they came from (a
 * later import's replaces an earlier one's).
 */
export async function writeReferenceLabels(tx: SqlSession, projectId: string, importId: string, rows: ImportedReferenceRow[]): Promise<number> {
  if (!rows.length) return 0;
  const own = (r: ImportedReferenceRow) => [{ value: r.value, annotator: null, leadTime: null, createdAt: null, groundTruth: true }];
  const json = JSON.stringify(rows.map((r) => ({ e: r.externalId, v: r.value, a: r.annotations?.length ? r.annotations : own(r) })));
  const written = await tx.query(sql`
    INSERT INTO "ReferenceLabel" ("itemId", "projectId", value, annotations, "importId")
    SELECT i.id, ${projectId}, j.v, j.a, ${importId}
    FROM json_to_recordset(${json}::json) AS j(e text, v jsonb, a jsonb) JOIN "Item" i ON i."projectId" = ${projectId} AND i."externalId" = j.e
    ON CONFLICT ("itemId") DO UPDATE SET value = EXCLUDED.value, annotations = EXCLUDED.annotations, "importId" = EXCLUDED."importId"
    RETURNING "itemId"`);
  return written.length;
}

/**
 * Another model's predictions as suggestions of its stand-in version (a re-import replaces them).
 * Like any suggestion, the newest is what reviewers see, and the item counts as pre-labeled.
 */
export async function writeImportedPredictions(tx: SqlSession, projectId: string, rows: ImportedPredictionRow[]): Promise<number> {
  if (!rows.length) return 0;
  const json = JSON.stringify(rows.map((r) => ({ id: crypto.randomUUID(), e: r.externalId, v: r.value, c: r.confidence, pv: r.versionId, m: r.source })));
  const written = await tx.query<{ itemId: number }>(sql`
    WITH x AS (SELECT * FROM json_to_recordset(${json}::json) AS j(id text, e text, v jsonb, c float8, pv text, m text)),
    -- Each item locked once, even when several models predicted it (a join that meets one row twice
    -- under FOR UPDATE returned it once here), then every prediction joined to it.
    locked AS (SELECT i.id, i."externalId" FROM "Item" i WHERE i."projectId" = ${projectId} AND i."externalId" IN (SELECT e FROM x) ORDER BY i.id FOR UPDATE),
    target AS (SELECT l.id AS "itemId", x.* FROM x JOIN locked l ON l."externalId" = x.e),
    s AS (INSERT INTO "Suggestion" (id, "projectId", "itemId", "promptVersionId", status, value, confidence, "confidenceSource", model, "createdAt")
          SELECT t.id, ${projectId}, t."itemId", t.pv, 'OK', t.v, t.c, 'IMPORTED', t.m, now() FROM target t
          ON CONFLICT ("itemId", "promptVersionId") DO UPDATE SET status = 'OK', value = EXCLUDED.value, confidence = EXCLUDED.confidence,
            "confidenceSource" = 'IMPORTED', "failureReason" = NULL, "createdAt" = now()
          RETURNING "itemId", confidence),
    u AS (UPDATE "Item" it SET status = CASE WHEN it.status = 'NEW' THEN 'PRELABELED'::"ItemStatus" ELSE it.status END, "suggestionConfidence" = one.confidence
          FROM (SELECT DISTINCT ON ("itemId") "itemId", confidence FROM s ORDER BY "itemId") one WHERE it.id = one."itemId")
    SELECT "itemId" FROM s`);
  return written.length;
}
