// A chunk the database refuses because of one row's data (a value it cannot store) must not fail
// the import: the chunk is split in halves and each half written on its own, down to the one row
// that fails, which becomes a bad row with its line number. Each half records the exact line range
// it covers, so a restarted import still skips precisely what was written.
import type { Database } from "@/lib/db";
import { excerptOf } from "@/lib/imports/row-types";
import { writeChunk, type Chunk, type ChunkResult } from "@/lib/imports/write-chunk";

type Args = Parameters<typeof writeChunk>[1];

/** SQLSTATE classes that mean "this data", not "this database": data exceptions and too-deep values. */
export function isRowDataError(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === "string" && (code.startsWith("22") || code === "54001");
}

/** Why the database refused a row, in words, never the driver's own text. */
export function refusalReason(err: unknown): string {
  const code = String((err as { code?: unknown })?.code ?? "");
  if (code === "22021" || code === "22P05")
    return "the database refused this row: it contains characters that cannot be stored (check its text, id and metadata)";
  if (code === "22P02" || code === "22032") return "the database refused this row: its metadata is not valid JSON for it (check for unusual escapes)";
  if (code === "54001") return "the database refused this row: its metadata is nested too deeply";
  return `the database refused this row's data (SQLSTATE ${code}); check its text, id and metadata`;
}

export async function writeChunkSafely(database: Database, args: Args, chunk: Chunk): Promise<ChunkResult> {
  const budget = args.errorBudget.remaining;
  try {
    return await writeChunk(database, args, chunk);
  } catch (err) {
    args.errorBudget.remaining = budget; // the failed attempt stored nothing
    if (!isRowDataError(err) || !chunk.rows.length) throw err;
    if (chunk.rows.length === 1) {
      const row = chunk.rows[0];
      return writeChunk(database, args, {
        ...chunk,
        rows: [],
        bad: [...chunk.bad, { line: row.line, record: row.record, reason: refusalReason(err), excerpt: excerptOf(row.text) }],
      });
    }
    const [first, second] = splitChunk(chunk);
    const a = await writeChunkSafely(database, args, first);
    const b = await writeChunkSafely(database, args, second);
    return { inserted: a.inserted + b.inserted, existing: a.existing + b.existing, failed: a.failed + b.failed };
  }
}

/** Two chunks covering the same records: rows (in stream order) and bad rows split at a row boundary. */
export function splitChunk(chunk: Chunk): [Chunk, Chunk] {
  const mid = Math.floor(chunk.rows.length / 2);
  const position = (r: { line: number; record?: number }) => r.record ?? r.line;
  const boundary = position(chunk.rows[mid]);
  return [
    {
      rows: chunk.rows.slice(0, mid),
      bad: chunk.bad.filter((b) => position(b) < boundary),
      dropped: chunk.dropped.filter((b) => position(b) < boundary),
      firstRecord: chunk.firstRecord,
      lastRecord: boundary - 1,
      bytesRead: chunk.bytesRead,
    },
    {
      rows: chunk.rows.slice(mid),
      bad: chunk.bad.filter((b) => position(b) >= boundary),
      dropped: chunk.dropped.filter((b) => position(b) >= boundary),
      firstRecord: boundary,
      lastRecord: chunk.lastRecord,
      bytesRead: chunk.bytesRead,
    },
  ];
}
