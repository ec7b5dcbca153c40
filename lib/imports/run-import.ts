// The import job: streams the stored file through its parser, normalizes rows and writes them in
// chunks. Parsing the next chunk overlaps with writing the previous one; IMPORT_WRITERS > 1 writes
// several chunks at once on PostgreSQL (faster, but ids then interleave across chunks).
// Resumable: each chunk records the records it covered (by position in the stream of parsed
// records, whatever the lines: a one-line JSON array holds them all on line 1) in its own
// transaction, and a restarted run skips those, so a crash never duplicates or loses a row.
import fs from "node:fs";
import { getDatabase, type Database } from "@/lib/db";
import { Lease } from "@/lib/jobs/lease";
import { AppError } from "@/lib/errors";
import { env } from "@/lib/env";
import { parseFile } from "@/lib/imports/parse-file";
import { parseZip } from "@/lib/imports/parse-zip";
import { mediaStore } from "@/lib/media/store";
import { readRow } from "@/lib/imports/read-row";
import type { LabelSpec } from "@/lib/imports/label-values";
import { standInVersion } from "@/lib/prompts/stand-in-version";
import { ensureLabel } from "@/lib/projects/ensure-label";
import { rememberLabelStudioNames } from "@/lib/imports/label-studio-names";
import type { TaskType } from "@/lib/values/value";
import { scalesOf } from "@/lib/task-types";
import { importOptionsSchema } from "@/lib/imports/schemas";
import { removeUpload } from "@/lib/imports/storage";
import { LeaseLostError, type Chunk } from "@/lib/imports/write-chunk";
import { writeChunkSafely } from "@/lib/imports/write-chunk-safely";
import { log } from "@/lib/observability/log";

/** A chunk is written once it holds this much text, however few rows: memory stays bounded with long texts. */
const CHUNK_MAX_CHARS = 4 * 1024 * 1024;

/** A runner whose heartbeat is older than this is presumed dead and its import may be taken over. */
export const IMPORT_LEASE_SECONDS = 120;

export type RunImportResult = "done" | "failed" | "not-claimed" | "lease-lost";

/** Fault injection for tests: stop as if the process died after this many chunks were started. */
export type ImportFaults = { crashAfterChunks?: number };
export class SimulatedCrash extends Error {}

/** Sorted ranges of record positions already committed by earlier runs of this import. */
class DoneRecords {
  private i = 0;
  constructor(private readonly ranges: { firstRecord: number; lastRecord: number }[]) {}
  /** Positions arrive in increasing order, so one pass over the ranges is enough. */
  has(position: number): boolean {
    while (this.i < this.ranges.length && this.ranges[this.i].lastRecord < position) this.i++;
    const r = this.ranges[this.i];
    return r !== undefined && r.firstRecord <= position;
  }
}

export async function runImport(importId: string, faults: ImportFaults = {}): Promise<RunImportResult> {
  const database = await getDatabase();
  const lease = await Lease.claim("Import", importId, IMPORT_LEASE_SECONDS);
  if (!lease) return "not-claimed";
  // Chunk writes check the token too, and stop at the first that finds the import taken over.
  lease.keepAlive();
  const runnerToken = lease.token;
  try {
    return await importWithLease(database, importId, runnerToken, faults);
  } finally {
    lease.stop();
  }
}

async function importWithLease(database: Database, importId: string, runnerToken: string, faults: ImportFaults): Promise<RunImportResult> {
  const db = database.prisma;
  const imp = await db.import.findUniqueOrThrow({ where: { id: importId }, include: { _count: { select: { errors: true } } } });
  const done = new DoneRecords(
    await db.importChunk.findMany({ where: { importId }, orderBy: { firstRecord: "asc" }, select: { firstRecord: true, lastRecord: true } }),
  );
  const limits = env().import;
  const options = importOptionsSchema.parse(imp.options);
  const spec = await labelSpecOf(imp.projectId);
  // Another model's predictions go to its stand-in version, found (or made) once per source name,
  // here in the parsing loop, before the chunk's transaction.
  const versionIds = new Map<string, string>();
  const versionOf = async (source: string) => {
    if (!versionIds.has(source)) versionIds.set(source, await standInVersion(imp.projectId, imp.createdById, { kind: "external", source }));
    return versionIds.get(source)!;
  };
  // Labels a Label Studio file has and the project lacks, when the lead chose to add them: made
  // once each, like the stand-in versions, before the chunk that uses them is written.
  const addedLabels = new Set<string>();
  const labelOf = async (name: string) => {
    if (addedLabels.has(name)) return;
    await ensureLabel(imp.projectId, name);
    addedLabels.add(name);
  };
  const labelStudio = { named: false };
  const errorBudget = { remaining: limits.maxReportedErrors - imp._count.errors };
  const hint = { staging: false };
  // PGlite is one connection: a second writer would only wait.
  const maxInflight = database.kind === "postgres" ? limits.writers : 1;
  // The first line of the chunk being parsed or written, to say where a failure happened.
  let at = 1;

  try {
    if (!fs.existsSync(imp.storagePath)) throw new Error("The uploaded file is no longer on the server; upload it again.");
    const counter = { bytes: 0 };
    const fresh = (): Chunk => ({ rows: [], bad: [], dropped: [], firstRecord: Infinity, lastRecord: 0, bytesRead: 0 });
    let chunkChars = 0;
    let chunk = fresh();
    const inflight: Promise<unknown>[] = [];
    let chunksStarted = 0;
    const ctx = { importId, projectId: imp.projectId, runnerToken, labelMode: options.labelMode };

    // Parsing goes on while up to maxInflight chunks are being written.
    const flush = async () => {
      if (!chunk.rows.length && !chunk.bad.length) return;
      for (const r of chunk.rows) for (const p of r.labels?.predictions ?? []) p.versionId = await versionOf(p.source);
      for (const r of chunk.rows) for (const name of r.labels?.addedLabels ?? []) await labelOf(name);
      const ready = { ...chunk, bytesRead: counter.bytes };
      chunk = fresh();
      chunkChars = 0;
      while (inflight.length >= maxInflight) await inflight.shift();
      if (faults.crashAfterChunks !== undefined && chunksStarted >= faults.crashAfterChunks) {
        await Promise.all(inflight);
        throw new SimulatedCrash();
      }
      chunksStarted++;
      const write = writeChunkSafely(database, { ...ctx, errorBudget, hint }, ready);
      write.catch(() => {}); // observed when awaited below; this only keeps Node from calling it unhandled
      inflight.push(write);
    };

    let position = 0;
    const records =
      imp.format === "ZIP"
        ? parseZip(imp.storagePath, counter, {
            store: mediaStore(),
            limits: { ...env().media, maxEntries: limits.maxZipEntries, maxTextChars: limits.maxTextChars },
            textField: options.textField,
            imageField: options.imageField,
            delimiter: options.delimiter,
          })
        : parseFile(imp.format, fs.createReadStream(imp.storagePath, { highWaterMark: 1024 * 1024 }), counter, limits.maxTextChars, options.delimiter);
    for await (const rec of records) {
      position++;
      at = rec.line;
      if (done.has(position)) continue; // committed by an earlier run
      if (rec.kind === "bad") chunk.bad.push({ line: rec.line, record: position, reason: rec.reason, field: rec.field, excerpt: rec.excerpt ?? "" });
      else {
        const n = readRow(rec.line, rec.fields, options, spec, limits.maxTextChars);
        if (options.layout === "LABEL_STUDIO" && !labelStudio.named) labelStudio.named = await rememberLabelStudioNames(imp.projectId, rec.fields);
        if ("ok" in n) {
          for (const d of n.ok.labels?.dropped ?? []) chunk.dropped.push({ line: rec.line, record: position, field: d.field, reason: d.reason, excerpt: "" });
          chunk.rows.push({ ...n.ok, record: position });
          chunkChars += n.ok.text.length + n.ok.metadataJson.length;
        } else chunk.bad.push({ ...n.bad, record: position });
      }
      chunk.firstRecord = Math.min(chunk.firstRecord, position);
      chunk.lastRecord = position;
      if (chunk.rows.length + chunk.bad.length >= limits.chunkRows || chunkChars >= CHUNK_MAX_CHARS) await flush();
    }
    await flush();
    await Promise.all(inflight);

    const finished = await db.import.updateMany({
      where: { id: importId, runnerToken },
      data: { status: "DONE", finishedAt: new Date(), bytesRead: counter.bytes, runnerToken: null },
    });
    if (finished.count !== 1) return "lease-lost";
    await db.importChunk.deleteMany({ where: { importId } });
    removeUpload(imp.storagePath);
    return "done";
  } catch (err) {
    if (err instanceof LeaseLostError) return "lease-lost";
    if (err instanceof SimulatedCrash) throw err; // a dead process updates nothing
    log.error(`[import ${importId}]`, { err });
    await db.import.updateMany({
      where: { id: importId, runnerToken },
      data: { status: "FAILED", finishedAt: new Date(), error: failureMessage(err, at), runnerToken: null },
    });
    // A failed import is over: its upload is not kept (the rows written so far stay).
    removeUpload(imp.storagePath);
    return "failed";
  }
}

/** The project's task type and current label names, which label columns are checked against. */
async function labelSpecOf(projectId: string): Promise<LabelSpec> {
  const db = (await getDatabase()).prisma;
  const project = await db.project.findUniqueOrThrow({
    where: { id: projectId },
    select: { taskType: true, labels: { where: { retiredAt: null }, orderBy: { position: "asc" }, select: { name: true, scale: true } } },
  });
  return { taskType: project.taskType as TaskType, labels: project.labels.map((l) => l.name), scales: scalesOf(project.labels) };
}

/** What the import page says when an import stops: where, why in words, and what to do. */
function failureMessage(err: unknown, line: number): string {
  const why =
    err instanceof AppError || (err instanceof Error && err.message.startsWith("The uploaded file")) ? err.message : "an unexpected error on the server";
  return `The import stopped near line ${line.toLocaleString("en-US")}: ${why.replace(/\.?$/, ".")} The rows before it were imported. Fix the file if needed and upload it again: rows already imported are skipped.`;
}
