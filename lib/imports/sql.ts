// Import statements: writing a chunk, recording progress. Row types beside them (the claim is lib/jobs/lease.ts).
import type { StoredImage } from "@/lib/imports/row-types";
import { sql } from "@/lib/db/sql";
import type { BadRow } from "@/lib/imports/row-types";
import { storable } from "@/lib/imports/row-types";

/** Who already holds these ids in the project: an earlier import, or this one from a given line. */
export const idHolders = (projectId: string, importId: string, externalIds: string[]) =>
  sql`SELECT "externalId", "importId" = ${importId} AS "sameImport", "sourceLine" FROM "Item" WHERE "projectId" = ${projectId} AND "externalId" = ANY(${externalIds}::text[])`;
export type IdHolderRow = { externalId: string; sameImport: boolean | null; sourceLine: number | null };

// With concurrent writers a later line of the file can win the race for an id. The first
// occurrence must win, as it would in a sequential import: it takes the row over.
export const takeOverId = (a: { projectId: string; externalId: string; importId: string; line: number; text: string; metadataJson: string }) =>
  sql`UPDATE "Item" SET text = ${a.text}, metadata = ${a.metadataJson}::jsonb, "sourceLine" = ${a.line}
      WHERE "projectId" = ${a.projectId} AND "externalId" = ${a.externalId} AND "importId" = ${a.importId} AND "sourceLine" > ${a.line}`;

export const COPY_ITEMS = sql`COPY "Item" ("projectId", "importId", "sourceLine", "externalId", "text", "metadata") FROM STDIN`;
export const CREATE_STAGE = sql`CREATE TEMP TABLE IF NOT EXISTS import_stage (e text, t text, m jsonb, n int) ON COMMIT DELETE ROWS`;
export const COPY_STAGE = sql`COPY import_stage (e, t, m, n) FROM STDIN`;
export const fillStage = (payload: string) =>
  sql`INSERT INTO import_stage SELECT * FROM json_to_recordset(${payload}::json) AS x(e text, t text, m jsonb, n int)`;

// Every part of a WITH query sees one snapshot: "missing" rows are those ON CONFLICT skipped.
export const insertStaged = (projectId: string, importId: string) =>
  sql`WITH ins AS (
        INSERT INTO "Item" ("projectId", "externalId", "text", "metadata", "importId", "sourceLine", "status", "createdAt")
        SELECT ${projectId}, e, t, m, ${importId}, n, 'NEW', now() FROM import_stage
        ON CONFLICT ("projectId", "externalId") DO NOTHING
        RETURNING "externalId")
      SELECT s.n AS line, s.e AS "externalId" FROM import_stage s WHERE NOT EXISTS (SELECT 1 FROM ins WHERE ins."externalId" = s.e)`;

/** Bad rows, made storable: a rejected row's excerpt may hold the very bytes it was rejected for. */
export const insertErrors = (importId: string, rows: BadRow[]) =>
  sql`INSERT INTO "ImportError" ("importId", line, field, reason, excerpt)
      SELECT ${importId}, x.line, x.field, x.reason, x.excerpt
      FROM json_to_recordset(${JSON.stringify(rows.map((b) => ({ line: b.line, field: b.field === undefined ? null : storable(b.field), reason: storable(b.reason), excerpt: storable(b.excerpt) })))}::json)
           AS x(line int, field text, reason text, excerpt text)`;

export const updateProgress = (a: { importId: string; runnerToken: string; inserted: number; existing: number; failed: number; bytesRead: number }) =>
  sql`UPDATE "Import" SET
        "rowsInserted" = "rowsInserted" + ${a.inserted}, "rowsExisting" = "rowsExisting" + ${a.existing}, "rowsFailed" = "rowsFailed" + ${a.failed},
        "rowsTotal" = "rowsTotal" + ${a.inserted + a.existing + a.failed}, "bytesRead" = GREATEST("bytesRead", ${a.bytesRead}), "heartbeatAt" = now()
      WHERE id = ${a.importId} AND "runnerToken" = ${a.runnerToken}
      RETURNING id`;

export const countLabels = (importId: string, a: { written: number; kept: number; dropped: number }) =>
  sql`UPDATE "Import" SET "labelsWritten" = "labelsWritten" + ${a.written}, "labelsKept" = "labelsKept" + ${a.kept}, "labelsDropped" = "labelsDropped" + ${a.dropped} WHERE id = ${importId}`;

export const recordChunk = (importId: string, firstRecord: number, lastRecord: number) =>
  sql`INSERT INTO "ImportChunk" ("importId", "firstRecord", "lastRecord") VALUES (${importId}, ${firstRecord}, ${lastRecord})`;

export const SAVEPOINT = sql`SAVEPOINT copy_rows`;
export const RELEASE = sql`RELEASE SAVEPOINT copy_rows`;
export const ROLLBACK_TO = sql`ROLLBACK TO SAVEPOINT copy_rows`;

/**
 * A pairwise chunk's responses and model names, onto the items just written. An item that was
 * already there keeps its responses, as it keeps its text (people may have judged them). Kept out
 * of the COPY path, which only pairwise imports would pay for.
 */
/** Image rows' pictures, for the items with their ids that have none yet (a re-import keeps the first). */
export const writeImages = (projectId: string, rows: { externalId: string; image?: StoredImage }[]) =>
  sql`INSERT INTO "ItemImage" ("itemId", "projectId", sha256, "contentType", bytes, width, height, path)
      SELECT i.id, i."projectId", x.sha256, x.ct, x.bytes, x.width, x.height, x.path
      FROM json_to_recordset(${JSON.stringify(
        rows.map((r) => ({
          e: r.externalId,
          sha256: r.image!.sha256,
          ct: r.image!.contentType,
          bytes: r.image!.bytes,
          width: r.image!.width,
          height: r.image!.height,
          path: r.image!.path,
        })),
      )}::json) AS x(e text, sha256 text, ct text, bytes int, width int, height int, path text)
      JOIN "Item" i ON i."projectId" = ${projectId} AND i."externalId" = x.e
      ON CONFLICT ("itemId") DO NOTHING`;

export const writePairs = (projectId: string, rows: { externalId: string; pair?: { a: string; b: string; aModel: string | null; bModel: string | null } }[]) =>
  sql`INSERT INTO "ItemPair" ("itemId", "responseA", "responseB", "modelA", "modelB")
      SELECT i.id, x.a, x.b, x.am, x.bm
      FROM json_to_recordset(${JSON.stringify(rows.map((r) => ({ e: r.externalId, a: r.pair!.a, b: r.pair!.b, am: r.pair!.aModel, bm: r.pair!.bModel })))}::json) AS x(e text, a text, b text, am text, bm text)
      JOIN "Item" i ON i."projectId" = ${projectId} AND i."externalId" = x.e
      ON CONFLICT ("itemId") DO NOTHING`;
