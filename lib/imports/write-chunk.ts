// Writes one chunk of an import in one transaction: its items, its bad rows, the import's progress
// and the record of the lines it covered. Either all of it lands or none of it, so a crash never
// leaves half a chunk, and a restart knows exactly which lines are done.
//
// How rows get in, fastest first:
//  - PostgreSQL, optimistic: COPY the rows straight into "Item" (COPY writes rows in batches;
//    INSERT ... SELECT writes them one by one). A new import has no conflicting ids, so this is
//    the common case.
//  - If any id is already there (a re-import, a duplicate in the file, a concurrent writer), COPY
//    hits the unique index: roll back to a savepoint and take the safe path for this chunk.
//  - Safe path (and PGlite, which has no COPY FROM STDIN): stage the rows in a temporary table,
//    then INSERT ... ON CONFLICT DO NOTHING, and find out who holds the skipped ids.
// `hint` remembers which path the last chunk needed, so a re-import does not try COPY every time.
import type { Database } from "@/lib/db";
import type { SqlSession } from "@/lib/db/sql-session";
import type { BadRow, NormalizedRow } from "@/lib/imports/row-types";
import { writeImportedGold, writeImportedPredictions, writeReferenceLabels } from "@/lib/gold/imported-labels";
import {
  COPY_ITEMS,
  COPY_STAGE,
  CREATE_STAGE,
  fillStage,
  idHolders,
  insertErrors,
  insertStaged,
  recordChunk,
  RELEASE,
  ROLLBACK_TO,
  SAVEPOINT,
  countLabels,
  takeOverId,
  updateProgress,
  type IdHolderRow,
  writeImages,
  writePairs,
} from "@/lib/imports/sql";

export class LeaseLostError extends Error {
  constructor() {
    super("Another runner took over this import.");
  }
}

/**
 * firstRecord..lastRecord: every parsed record this chunk accounts for (good rows and bad rows), by
 * position. dropped: annotations or predictions left out of rows that were imported (an unknown
 * label): reported with the rejected rows, counted as labels, not as rows.
 */
export type Chunk = { rows: NormalizedRow[]; bad: BadRow[]; dropped: BadRow[]; firstRecord: number; lastRecord: number; bytesRead: number };
export type ChunkResult = { inserted: number; existing: number; failed: number };
/**
 * A row that was not inserted, and who holds its id: an earlier import (sameImport false), or this
 * import, from the file line `heldByLine`.
 */
type NotInserted = { line: number; externalId: string; sameImport: boolean; heldByLine: number | null };

// COPY text format: backslash, tab, newline and carriage return must be escaped.
const copyEscape = (s: string) => s.replace(/[\\\t\n\r]/g, (c) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[c]!);

type Ctx = { importId: string; projectId: string; labelMode?: "GOLD" | "REFERENCE" };

/** Which of `rows` already have their id in the project (seen by a fresh statement). */
async function owners(tx: SqlSession, ctx: Ctx, rows: { line: number; externalId: string }[]): Promise<NotInserted[]> {
  if (!rows.length) return [];
  const found = await tx.query<IdHolderRow>(
    idHolders(
      ctx.projectId,
      ctx.importId,
      rows.map((r) => r.externalId),
    ),
  );
  const holder = new Map(found.map((o) => [o.externalId, o]));
  return rows
    .filter((r) => holder.has(r.externalId))
    .map((r) => {
      const h = holder.get(r.externalId)!;
      return { line: r.line, externalId: r.externalId, sameImport: h.sameImport === true, heldByLine: h.sourceLine === null ? null : Number(h.sourceLine) };
    });
}

/** Returns null when an id was already taken: the caller then uses the staging path. */
async function insertByCopy(tx: SqlSession, copyData: string): Promise<NotInserted[] | null> {
  await tx.exec(SAVEPOINT);
  try {
    await tx.copyIn!(COPY_ITEMS, copyData);
    await tx.exec(RELEASE);
    return [];
  } catch (err) {
    if ((err as { code?: string }).code !== "23505") throw err;
    await tx.exec(ROLLBACK_TO); // an id arrived concurrently: take the safe path
    return null;
  }
}

async function insertByStaging(tx: SqlSession, ctx: Ctx, rows: NormalizedRow[]): Promise<NotInserted[]> {
  await tx.exec(CREATE_STAGE);
  if (tx.copyIn) {
    await tx.copyIn(COPY_STAGE, rows.map((r) => `${copyEscape(r.externalId)}\t${copyEscape(r.text)}\t${copyEscape(r.metadataJson)}\t${r.line}\n`).join(""));
  } else {
    const payload = `[${rows.map((r) => `{"e":${JSON.stringify(r.externalId)},"t":${JSON.stringify(r.text)},"m":${r.metadataJson},"n":${r.line}}`).join(",")}]`;
    await tx.query(fillStage(payload));
  }
  const skipped = await tx.query<{ line: number; externalId: string }>(insertStaged(ctx.projectId, ctx.importId));
  // ON CONFLICT waited for any concurrent writer of these ids to commit, so a fresh statement sees them.
  return owners(
    tx,
    ctx,
    skipped.map((s) => ({ line: Number(s.line), externalId: s.externalId })),
  );
}

/**
 * The rows' label columns: reference labels as gold or as references, predictions as suggestions.
 * kept: reference labels not made gold because people already worked on the item.
 */
async function writeLabels(tx: SqlSession, ctx: Ctx, rows: NormalizedRow[]): Promise<{ written: number; kept: number }> {
  if (!rows.length) return { written: 0, kept: 0 };
  const references = rows.flatMap((r) =>
    r.labels?.reference ? [{ externalId: r.externalId, value: r.labels.reference, annotations: r.labels.annotations }] : [],
  );
  const predictions = rows.flatMap((r) =>
    (r.labels?.predictions ?? []).flatMap((p) =>
      p.versionId ? [{ externalId: r.externalId, value: p.value, confidence: p.confidence, versionId: p.versionId, source: p.source }] : [],
    ),
  );
  const asGold = ctx.labelMode === "GOLD";
  const labeled = asGold ? await writeImportedGold(tx, ctx.projectId, references) : await writeReferenceLabels(tx, ctx.projectId, ctx.importId, references);
  const predicted = await writeImportedPredictions(tx, ctx.projectId, predictions);
  return { written: labeled + predicted, kept: references.length - labeled };
}

export async function writeChunk(
  database: Database,
  /** errorBudget: how many more bad rows may be stored for this import, shared by concurrent writers. */
  args: Ctx & { runnerToken: string; errorBudget: { remaining: number }; hint: { staging: boolean } },
  chunk: Chunk,
): Promise<ChunkResult> {
  // Duplicates inside the chunk are caught here; across chunks, by the database (sameImport).
  const firstLine = new Map<string, number>();
  const rows: NormalizedRow[] = [];
  const bad: BadRow[] = [...chunk.bad];
  for (const r of chunk.rows) {
    const seen = firstLine.get(r.externalId);
    if (seen !== undefined)
      bad.push({ line: r.line, field: "id", reason: `duplicate id "${r.externalId}" (first seen on line ${seen})`, excerpt: r.text.slice(0, 160) });
    else {
      firstLine.set(r.externalId, r.line);
      rows.push(r);
    }
  }
  // Serialized before the transaction opens, to keep it short.
  const pid = copyEscape(args.projectId);
  const iid = copyEscape(args.importId);
  const tryCopy = database.kind === "postgres" && !args.hint.staging && rows.length > 0;
  const copyData = tryCopy
    ? rows.map((r) => `${pid}\t${iid}\t${r.line}\t${copyEscape(r.externalId)}\t${copyEscape(r.text)}\t${copyEscape(r.metadataJson)}\n`).join("")
    : "";

  return database.rawTransaction(async (tx) => {
    let notInserted: NotInserted[] = [];
    if (rows.length) {
      const copied = tryCopy ? await insertByCopy(tx, copyData) : null;
      notInserted = copied ?? (await insertByStaging(tx, args, rows));
      // Stay on the safe path while ids keep colliding; go back to COPY once a chunk has none.
      args.hint.staging = copied === null && notInserted.length > 0;
    }
    let existing = 0;
    const byId = new Map(rows.map((r) => [r.externalId, r]));
    const duplicates = new Set<string>();
    for (const r of notInserted) {
      if (!r.sameImport) {
        existing++; // already in the project: a re-import, not an error
        continue;
      }
      const held = r.heldByLine ?? 0;
      if (held > r.line) {
        // This row comes first in the file: it takes the id over and the later line is the duplicate.
        const mine = byId.get(r.externalId)!;
        await tx.query(
          takeOverId({
            projectId: args.projectId,
            externalId: r.externalId,
            importId: args.importId,
            line: r.line,
            text: mine.text,
            metadataJson: mine.metadataJson,
          }),
        );
        bad.push({ line: held, field: "id", reason: `duplicate id "${r.externalId}" (first seen on line ${r.line})`, excerpt: "" });
      } else {
        bad.push({ line: r.line, field: "id", reason: `duplicate id "${r.externalId}" (first seen on line ${held})`, excerpt: "" });
        duplicates.add(r.externalId);
      }
    }
    const inserted = rows.length - notInserted.length;
    // Labels go to the item with the row's id, new or already there; a duplicate line's do not.
    const labels = await writeLabels(
      tx,
      args,
      rows.filter((r) => r.labels && !duplicates.has(r.externalId)),
    );
    const pairs = rows.filter((r) => r.pair && !duplicates.has(r.externalId));
    if (pairs.length) await tx.query(writePairs(args.projectId, pairs));
    const images = rows.filter((r) => r.image && !duplicates.has(r.externalId));
    if (images.length) await tx.query(writeImages(args.projectId, images));
    bad.sort((a, b) => a.line - b.line);
    const toStore = [...bad, ...chunk.dropped].sort((a, b) => a.line - b.line).slice(0, Math.max(0, args.errorBudget.remaining));
    args.errorBudget.remaining -= toStore.length;
    if (toStore.length) await tx.query(insertErrors(args.importId, toStore));
    const updated = await tx.query(
      updateProgress({ importId: args.importId, runnerToken: args.runnerToken, inserted, existing, failed: bad.length, bytesRead: chunk.bytesRead }),
    );
    if (updated.length !== 1) throw new LeaseLostError();
    if (labels.written || labels.kept || chunk.dropped.length) await tx.query(countLabels(args.importId, { ...labels, dropped: chunk.dropped.length }));
    await tx.query(recordChunk(args.importId, chunk.firstRecord, chunk.lastRecord));
    return { inserted, existing, failed: bad.length };
  });
}
