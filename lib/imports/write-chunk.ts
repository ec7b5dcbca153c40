// Writes one chunk of an import in one transaction: its items, its bad rows and the import's
// progress and checkpoint. Either all of it lands or none of it, so a crash never leaves half a chunk.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { BadRow, NormalizedRow } from "@/lib/imports/row-types";

export class LeaseLostError extends Error {
  constructor() {
    super("Another runner took over this import.");
  }
}

export type Chunk = { rows: NormalizedRow[]; bad: BadRow[]; checkpointLine: number; bytesRead: number };
export type ChunkResult = { inserted: number; existing: number; failed: number; storedErrors: number };

// One statement inserts the rows and reports, for those that were not inserted, which import the
// existing row came from. Every part of a WITH query sees the same snapshot, so "existing" are the
// rows that were there before this statement.
const INSERT_ITEMS = `
WITH input AS (
  SELECT x.e, x.t, x.m, x.n FROM json_to_recordset($3::json) AS x(e text, t text, m jsonb, n int)
), ins AS (
  INSERT INTO "Item" ("projectId", "externalId", "text", "metadata", "importId", "status", "createdAt")
  SELECT $1, e, t, m, $2, 'NEW', now() FROM input
  ON CONFLICT ("projectId", "externalId") DO NOTHING
  RETURNING "externalId"
)
SELECT input.n AS line, input.e AS "externalId", (existing."importId" = $2) AS "sameImport"
FROM input
LEFT JOIN ins ON ins."externalId" = input.e
LEFT JOIN "Item" existing ON existing."projectId" = $1 AND existing."externalId" = input.e
WHERE ins."externalId" IS NULL`;

export async function writeChunk(
  db: PrismaClient,
  args: { importId: string; projectId: string; runnerToken: string; errorsToStore: number },
  chunk: Chunk,
): Promise<ChunkResult> {
  // Duplicates inside the chunk are caught here; across chunks, by the database (sameImport).
  const firstLine = new Map<string, number>();
  const rows: NormalizedRow[] = [];
  const bad: BadRow[] = [...chunk.bad];
  for (const r of chunk.rows) {
    const seen = firstLine.get(r.externalId);
    if (seen !== undefined) bad.push({ line: r.line, field: "id", reason: `duplicate id "${r.externalId}" (first seen on line ${seen})`, excerpt: r.text.slice(0, 160) });
    else {
      firstLine.set(r.externalId, r.line);
      rows.push(r);
    }
  }

  return db.$transaction(async (tx) => {
    let existing = 0;
    let duplicatesOfEarlierChunks = 0;
    if (rows.length) {
      const payload = JSON.stringify(rows.map((r) => ({ e: r.externalId, t: r.text, m: r.metadata, n: r.line })));
      const notInserted = await tx.$queryRawUnsafe<{ line: number; externalId: string; sameImport: boolean | null }[]>(
        INSERT_ITEMS,
        args.projectId,
        args.importId,
        payload,
      );
      for (const r of notInserted) {
        if (r.sameImport) {
          duplicatesOfEarlierChunks++;
          bad.push({ line: Number(r.line), field: "id", reason: `duplicate id "${r.externalId}" (appears earlier in this file)`, excerpt: "" });
        } else existing++; // already in the project: a re-import, not an error
      }
    }
    const inserted = rows.length - existing - duplicatesOfEarlierChunks;
    bad.sort((a, b) => a.line - b.line);
    const toStore = bad.slice(0, Math.max(0, args.errorsToStore));
    if (toStore.length) {
      await tx.importError.createMany({
        data: toStore.map((b) => ({ importId: args.importId, line: b.line, field: b.field ?? null, reason: b.reason, excerpt: b.excerpt })),
      });
    }
    const updated = await tx.import.updateMany({
      where: { id: args.importId, runnerToken: args.runnerToken },
      data: {
        rowsInserted: { increment: inserted },
        rowsExisting: { increment: existing },
        rowsFailed: { increment: bad.length },
        rowsTotal: { increment: inserted + existing + bad.length },
        checkpointLine: chunk.checkpointLine,
        bytesRead: chunk.bytesRead,
        heartbeatAt: new Date(),
      },
    });
    if (updated.count !== 1) throw new LeaseLostError();
    return { inserted, existing, failed: bad.length, storedErrors: toStore.length };
  });
}
