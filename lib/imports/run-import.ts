// The import job: streams the stored file through its parser, normalizes rows and writes them in
// chunks. Resumable: each chunk commits a checkpoint line, and a restarted run skips what is done.
import fs from "node:fs";
import crypto from "node:crypto";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { parseFile } from "@/lib/imports/parse-file";
import { normalizeRow } from "@/lib/imports/normalize-row";
import { importOptionsSchema } from "@/lib/imports/schemas";
import { removeUpload } from "@/lib/imports/storage";
import { LeaseLostError, writeChunk, type Chunk } from "@/lib/imports/write-chunk";

/** A runner whose heartbeat is older than this is presumed dead and its import may be taken over. */
export const IMPORT_LEASE_SECONDS = 120;

export type RunImportResult = "done" | "failed" | "not-claimed" | "lease-lost";

/** Fault injection for tests: stop as if the process died after this many chunks were committed. */
export type ImportFaults = { crashAfterChunks?: number };
export class SimulatedCrash extends Error {}

export async function runImport(importId: string, faults: ImportFaults = {}): Promise<RunImportResult> {
  const db = await getDb();
  const runnerToken = crypto.randomUUID();
  const claimed = await db.$executeRawUnsafe(
    `UPDATE "Import" SET status = 'RUNNING', "runnerToken" = $2, "heartbeatAt" = now(), "startedAt" = COALESCE("startedAt", now())
     WHERE id = $1 AND (status = 'QUEUED' OR (status = 'RUNNING' AND ("heartbeatAt" IS NULL OR "heartbeatAt" < now() - make_interval(secs => $3))))`,
    importId,
    runnerToken,
    IMPORT_LEASE_SECONDS,
  );
  if (claimed !== 1) return "not-claimed";
  const imp = await db.import.findUniqueOrThrow({ where: { id: importId }, include: { _count: { select: { errors: true } } } });
  const limits = env().import;
  const options = importOptionsSchema.parse(imp.options);
  let errorsToStore = limits.maxReportedErrors - imp._count.errors;

  try {
    if (!fs.existsSync(imp.storagePath)) throw new Error("The uploaded file is no longer on the server; upload it again.");
    const counter = { bytes: 0 };
    const source = fs.createReadStream(imp.storagePath, { highWaterMark: 1024 * 1024 });
    let chunk: Chunk = { rows: [], bad: [], checkpointLine: imp.checkpointLine, bytesRead: 0 };
    let inflight: Promise<unknown> | null = null;
    let chunksWritten = 0;
    const ctx = { importId, projectId: imp.projectId, runnerToken };

    // Parsing the next chunk overlaps with the database writing the previous one.
    const flush = async () => {
      const ready = chunk;
      chunk = { rows: [], bad: [], checkpointLine: ready.checkpointLine, bytesRead: 0 };
      if (inflight) await inflight;
      if (faults.crashAfterChunks !== undefined && chunksWritten >= faults.crashAfterChunks) throw new SimulatedCrash();
      chunksWritten++;
      const write = writeChunk(db, { ...ctx, errorsToStore }, { ...ready, bytesRead: counter.bytes }).then((r) => {
        errorsToStore -= r.storedErrors;
      });
      write.catch(() => {}); // observed at the next flush; this only keeps Node from calling it unhandled
      inflight = write;
    };

    for await (const rec of parseFile(imp.format, source, counter, limits.maxTextChars)) {
      const endLine = rec.kind === "record" ? rec.endLine : rec.line;
      if (endLine <= imp.checkpointLine) continue; // committed by an earlier run
      if (rec.kind === "bad") chunk.bad.push({ line: rec.line, reason: rec.reason, field: rec.field, excerpt: rec.excerpt ?? "" });
      else {
        const n = normalizeRow(rec.line, rec.fields, options, limits.maxTextChars);
        if ("ok" in n) chunk.rows.push(n.ok);
        else chunk.bad.push(n.bad);
      }
      chunk.checkpointLine = Math.max(chunk.checkpointLine, endLine);
      if (chunk.rows.length + chunk.bad.length >= limits.chunkRows) await flush();
    }
    await flush();
    await inflight;

    const finished = await db.import.updateMany({
      where: { id: importId, runnerToken },
      data: { status: "DONE", finishedAt: new Date(), bytesRead: counter.bytes, runnerToken: null },
    });
    if (finished.count !== 1) return "lease-lost";
    removeUpload(imp.storagePath);
    return "done";
  } catch (err) {
    if (err instanceof LeaseLostError) return "lease-lost";
    if (err instanceof SimulatedCrash) throw err; // a dead process updates nothing
    console.error(`[import ${importId}]`, err);
    await db.import.updateMany({
      where: { id: importId, runnerToken },
      data: { status: "FAILED", finishedAt: new Date(), error: (err as Error).message, runnerToken: null },
    });
    return "failed";
  }
}
