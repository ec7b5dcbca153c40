// The export job: streams the rows into a file under the data folder, hashing as it writes, with
// progress on the Export row. It holds the row's lease (lib/jobs/lease.ts) while it writes: a
// killed worker's export is claimed again by the sweep, and starts over. Written to a temporary
// name and renamed at the end, so a half file never looks finished.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { once } from "node:events";
import { pipeline } from "node:stream/promises";
import tar from "tar-stream";
import { getDatabase } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import type { SqlSession } from "@/lib/db/sql-session";
import { env } from "@/lib/env";
import { Lease } from "@/lib/jobs/lease";
import { exportOptionsSchema, FINETUNE_FORMATS, type ExportOptions } from "@/lib/exports/options";
import { countExportRows, exportBatches, splitCutoffs, type ExportQuery, type ExportRow, type RowKind } from "@/lib/exports/rows";
import { DEFAULT_NAMES, labelStudioTask, namesFromConfig, type LabelStudioNames } from "@/lib/exports/label-studio";
import { datasetCard, hfRecord, imageFileName, imagesIn, type CardInput, type CardVersion } from "@/lib/exports/hf-card";
import { mediaStore } from "@/lib/media/store";
import {
  claudeFineTuneRecord,
  csvColumns,
  csvLine,
  dpoRecord,
  fineTuneRecord,
  fineTuneSystem,
  jsonlRecord,
  preferenceRecord,
  provenanceRecord,
} from "@/lib/exports/formats";
import { labelNames, parseValue, type TaskType } from "@/lib/values/value";
import { log } from "@/lib/observability/log";
import { taskTypeDef } from "@/lib/task-types";
import { datasheetFacts } from "@/lib/exports/datasheet/facts";
import { buildDatasheet, datasheetMarkdown, type Datasheet } from "@/lib/exports/datasheet/render";
import { SourceTally } from "@/lib/exports/datasheet/sources";

export const exportPath = (exportId: string) => path.join(env().dataDir, "exports", exportId);
/** A fine-tuning export's side file: each data line's provenance and split, line for line. */
export const provenancePath = (exportId: string) => `${exportPath(exportId)}.provenance.jsonl`;
/** Every export's datasheet, beside it: Markdown for people, JSON for tools (lib/exports/datasheet). */
export const datasheetPath = (exportId: string, kind: "md" | "json") => `${exportPath(exportId)}.datasheet.${kind}`;

/** Writes lines to a file with backpressure, counting bytes and hashing them. */
class HashedFile {
  private out: fs.WriteStream;
  private hash = crypto.createHash("sha256");
  bytes = 0;
  constructor(readonly file: string) {
    this.out = fs.createWriteStream(file);
  }
  write(s: string) {
    return this.writeBuffer(Buffer.from(s, "utf8"));
  }
  async writeBuffer(buf: Buffer) {
    this.hash.update(buf);
    this.bytes += buf.length;
    if (!this.out.write(buf)) await once(this.out, "drain");
  }
  async close(): Promise<string> {
    this.out.end();
    await once(this.out, "finish");
    return this.hash.digest("hex");
  }
}

export const EXPORT_LEASE_SECONDS = 120;
/** Claims of one export before it is given up (a file that kills its worker every time fails instead of looping). */
const MAX_CLAIMS = 4;

/** Test hooks: a crash after N batches (a killed worker), or code run after each batch (a cancel mid-file). */
export type ExportFaults = { crashAfterBatches?: number; afterBatch?: (batch: number) => Promise<void> };
export class SimulatedExportCrash extends Error {}
class LeaseLost extends Error {}

/**
 * Writes the export's file. `final`: the job's last attempt; an earlier failure puts the export
 * back in the queue, and the retry starts over from an empty file.
 */
export async function runExport(exportId: string, opts: { final?: boolean; faults?: ExportFaults } = {}): Promise<"done" | "failed" | "not-claimed" | "lost"> {
  const database = await getDatabase();
  const db = database.prisma;
  const lease = await Lease.claim("Export", exportId, EXPORT_LEASE_SECONDS, { set: sql`attempts = attempts + 1, "rowsDone" = 0, error = NULL` });
  if (!lease) return "not-claimed"; // finished, failed, or another worker has it
  lease.keepAlive();
  const job = await db.export.findUniqueOrThrow({
    where: { id: exportId },
    include: { project: { include: { labels: { where: { retiredAt: null }, orderBy: { position: "asc" } } } } },
  });
  const mine = { id: exportId, runnerToken: lease.token };
  if (job.attempts > MAX_CLAIMS) {
    await db.export.updateMany({
      where: mine,
      data: {
        status: "FAILED",
        error: "The export stopped its worker several times in a row. Tell your admin (the server log has the details).",
        finishedAt: new Date(),
        runnerToken: null,
      },
    });
    lease.stop();
    return "failed";
  }
  const options = exportOptionsSchema.parse({ ...(job.options as object), format: job.format });
  const taskType = job.project.taskType as TaskType;
  const dir = path.dirname(exportPath(exportId));
  fs.mkdirSync(dir, { recursive: true });
  const temp = `${exportPath(exportId)}.partial`;
  let batches = 0;
  const sheets = { md: `${temp}.datasheet.md`, json: `${temp}.datasheet.json` };
  try {
    // The datasheet's facts are read beside the file on PostgreSQL (other connections), and before
    // it on the embedded database, where the snapshot below holds the only connection.
    const gathering = datasheetFacts(job.projectId);
    gathering.catch(() => {}); // awaited below; not an unhandled rejection meanwhile
    if (database.kind !== "postgres") await gathering;
    const tally = new SourceTally();
    const sheet = async () => buildDatasheet(await gathering, tally, { format: options.format, scope: options.scope });
    // One snapshot for the whole file: the count, the split and every batch see the same data.
    const result = await database.rawTransaction(async (tx) => {
      await tx.exec(sql`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ`);
      // Progress goes through another connection on PostgreSQL, so the page sees it move; PGlite
      // has one connection, held by this transaction, so there it lands with the result.
      const report = async (data: { rowsTotal?: number; rowsDone?: number }) => {
        if (lease.lost) throw new LeaseLost();
        if (data.rowsDone !== undefined && opts.faults) {
          batches++;
          if (opts.faults.crashAfterBatches !== undefined && batches > opts.faults.crashAfterBatches) throw new SimulatedExportCrash();
          await opts.faults.afterBatch?.(batches);
        }
        if (database.kind === "postgres") {
          // The progress write also notices a cancel (or a takeover) at once.
          if (!(await db.export.updateMany({ where: mine, data })).count) throw new LeaseLost();
        } else
          await tx.query(
            sql`UPDATE "Export" SET "rowsTotal" = coalesce(${data.rowsTotal ?? null}::int, "rowsTotal"), "rowsDone" = coalesce(${data.rowsDone ?? null}::int, "rowsDone") WHERE id = ${exportId}`,
          );
      };
      return writeExport(tx, { projectId: job.projectId, options, taskType }, job.project, temp, report, { tally, sheet });
    });
    const datasheet = await sheet();
    fs.writeFileSync(sheets.json, JSON.stringify(datasheet, null, 2) + "\n");
    fs.writeFileSync(sheets.md, datasheetMarkdown(datasheet));
    fs.renameSync(sheets.json, datasheetPath(exportId, "json"));
    fs.renameSync(sheets.md, datasheetPath(exportId, "md"));
    fs.renameSync(temp, exportPath(exportId));
    if (fs.existsSync(`${temp}.provenance`)) fs.renameSync(`${temp}.provenance`, provenancePath(exportId));
    const done = await db.export.updateMany({
      where: mine,
      data: {
        status: "DONE",
        sha256: result.sha256,
        bytes: BigInt(result.bytes),
        storagePath: exportPath(exportId),
        finishedAt: new Date(),
        runnerToken: null,
      },
    });
    if (done.count) return "done";
    // Cancelled while it was being written (PGlite notices only now): nothing of it is kept.
    for (const f of [exportPath(exportId), datasheetPath(exportId, "json"), datasheetPath(exportId, "md")]) fs.rmSync(f, { force: true });
    return "lost";
  } catch (err) {
    if (err instanceof SimulatedExportCrash) throw err; // a dead process cleans nothing up
    fs.rmSync(temp, { force: true });
    fs.rmSync(`${temp}.provenance`, { force: true });
    for (const f of Object.values(sheets)) fs.rmSync(f, { force: true });
    if (err instanceof LeaseLost) return "lost";
    log.error(`[export ${exportId}]`, { err });
    if (opts.final ?? true) {
      const message =
        "The export stopped on an unexpected error on the server. Start it again; if it fails again, tell your admin (the server log has the details).";
      await db.export.updateMany({ where: mine, data: { status: "FAILED", error: message, finishedAt: new Date(), runnerToken: null } });
      return "failed";
    }
    await db.export.updateMany({ where: mine, data: { status: "QUEUED", runnerToken: null } });
    throw err; // the job fails, and pg-boss retries it later
  } finally {
    lease.stop();
  }
}

const KIND: Record<ExportOptions["format"], RowKind> = {
  JSONL: "all",
  CSV: "all",
  HF_DATASET: "all",
  FINETUNE_CHAT: "finetune",
  FINETUNE_CLAUDE: "finetune",
  PREFERENCE: "preference",
  LABEL_STUDIO: "all",
};

async function writeExport(
  tx: SqlSession,
  query: ExportQuery,
  project: { name: string; guidelines: string; labels: { name: string; description: string }[]; labelStudio: unknown },
  temp: string,
  report: (data: { rowsTotal?: number; rowsDone?: number }) => Promise<void>,
  datasheet: { tally: SourceTally; sheet: () => Promise<Datasheet> },
): Promise<{ sha256: string; bytes: number }> {
  const { options, taskType } = query;
  // A pairwise project's preference file and Hugging Face folder hold its judged pairs (DPO), not
  // model-vs-human corrections or whole rows.
  const pairs = taskTypeDef(taskType).content === "pair" && (options.format === "PREFERENCE" || options.format === "HF_DATASET");
  const kind: RowKind = pairs ? "pairs" : KIND[options.format];
  await report({ rowsTotal: await countExportRows(tx, query, kind) });
  const cutoffs = await splitCutoffs(tx, query, kind);
  const system = fineTuneSystem(taskType, project.labels, project.guidelines);
  const withSplit = (r: ExportRow): ExportRow => {
    if (!options.split) return r;
    const cutoff = cutoffs.get(r.stratum ?? "");
    return { ...r, split: cutoff !== undefined && r.hash !== null && r.hash <= cutoff ? "test" : "train" };
  };
  let done = 0;
  const progress = async (n: number) => {
    done += n;
    await report({ rowsDone: done });
  };
  if (options.format === "HF_DATASET") {
    const versions = await tx.query<CardVersion>(
      sql`SELECT number, "modelId", strategy::text AS strategy, trial, provenance FROM "PromptVersion"
          WHERE "projectId" = ${query.projectId} AND "learnerTrainingId" IS NULL AND "externalSource" IS NULL ORDER BY number`,
    );
    const card = { name: project.name, taskType, labels: project.labels.map((l) => l.name), options, pairs, versions };
    return writeHfDataset(temp, exportBatches(tx, query, kind), card, withSplit, progress, datasheet);
  }
  const file = new HashedFile(temp);
  const columns = csvColumns(
    taskType,
    project.labels.map((l) => l.name),
  );
  if (options.format === "CSV") await file.write(columns.join(",") + "\r\n");
  // Label Studio reads one JSON array: "[", tasks separated by commas, "]".
  const labelStudio = options.format === "LABEL_STUDIO";
  if (labelStudio) await file.write("[");
  // The lead's labeling config, else the names the project's Label Studio import saw, else ours.
  const names = (options.labelStudioConfig && namesFromConfig(options.labelStudioConfig)) || (project.labelStudio as LabelStudioNames | null) || DEFAULT_NAMES;
  const provenance = FINETUNE_FORMATS.includes(options.format) ? new HashedFile(`${temp}.provenance`) : null;
  let first = true;
  for await (const batch of exportBatches(tx, query, kind)) {
    let chunk = "";
    let sideChunk = "";
    for (const raw of batch) {
      const r = withSplit(raw);
      datasheet.tally.add(r);
      if (provenance) {
        // Only what the provider's format allows goes in the data; the rest, line for line, beside it.
        chunk += JSON.stringify(options.format === "FINETUNE_CLAUDE" ? claudeFineTuneRecord(r, system) : fineTuneRecord(r, system)) + "\n";
        sideChunk += JSON.stringify(provenanceRecord(r)) + "\n";
      } else if (labelStudio) {
        const task = labelStudioTask(r, taskType, names);
        chunk += `${first ? "" : ","}\n${JSON.stringify(options.split ? { ...task, data: { ...task.data, split: r.split } } : task)}`;
        first = false;
      } else if (options.format === "CSV") chunk += csvLine(r, columns, options.rawText);
      else {
        const rec = options.format === "PREFERENCE" ? (kind === "pairs" ? dpoRecord(r) : preferenceRecord(r, system)) : jsonlRecord(r);
        chunk += JSON.stringify(options.split && options.format !== "JSONL" ? { ...rec, split: r.split } : rec) + "\n";
      }
    }
    await file.write(chunk);
    if (provenance) await provenance.write(sideChunk);
    await progress(batch.length);
  }
  if (labelStudio) await file.write("\n]\n");
  await provenance?.close();
  return { sha256: await file.close(), bytes: file.bytes };
}

/**
 * A Hugging Face `datasets` folder as a tar: data/<split>.jsonl and a dataset card whose YAML
 * header names the splits and the label names. Every entry has a fixed date and owner, so the
 * archive is byte-identical for the same data.
 */
async function writeHfDataset(
  target: string,
  batches: AsyncGenerator<ExportRow[]>,
  /** `pairs`: DPO records (prompt, chosen, rejected) instead of labeled rows: a pairwise project. */
  card: Omit<CardInput, "splits" | "counts" | "rowsPerSplit">,
  withSplit: (r: ExportRow) => ExportRow,
  progress: (n: number) => Promise<void>,
  datasheet: { tally: SourceTally; sheet: () => Promise<Datasheet> },
): Promise<{ sha256: string; bytes: number }> {
  const { options, pairs, taskType, labels } = card;
  const splits = options.split ? ["train", "test"] : ["train"];
  const parts = new Map(splits.map((s) => [s, new HashedFile(`${target}.${s}`)]));
  const counts = new Map<string, Map<string, number>>(splits.map((s) => [s, new Map()]));
  const rowsPerSplit = new Map(splits.map((s) => [s, 0]));
  // An image project's pictures, per split (each once), copied from the media store into the folder.
  const pictures = new Map(splits.map((s) => [s, new Map<string, string>()]));
  for await (const batch of batches) {
    const chunks = new Map(splits.map((s) => [s, ""]));
    for (const raw of batch) {
      const r = withSplit(raw);
      datasheet.tally.add(r);
      const split = r.split ?? "train";
      chunks.set(split, chunks.get(split) + JSON.stringify(pairs ? dpoRecord(r) : hfRecord(r, taskType, labels)) + "\n");
      rowsPerSplit.set(split, (rowsPerSplit.get(split) ?? 0) + 1);
      if (r.image) pictures.get(split)!.set(imageFileName(r.image), r.image.sha256);
      const c = counts.get(split)!;
      const value = r.gold ?? r.suggestion;
      if (value) for (const label of labelNames(parseValue(taskType, value))) c.set(label, (c.get(label) ?? 0) + 1);
    }
    for (const [split, chunk] of chunks) await parts.get(split)!.write(chunk);
    await progress(batch.length);
  }
  for (const part of parts.values()) await part.close();
  const sheet = await datasheet.sheet();
  const readme = `${datasetCard({ ...card, splits, counts, rowsPerSplit })}\n${datasheetMarkdown(sheet, "##")}`;
  const pack = tar.pack();
  const out = new HashedFile(target);
  const writing = (async () => {
    for await (const chunk of pack) await out.writeBuffer(chunk as Buffer);
  })();
  const header = (name: string, size: number) => ({ name, size, mtime: new Date(0), mode: 0o644, uid: 0, gid: 0, uname: "", gname: "" });
  const cardBuf = Buffer.from(readme, "utf8");
  pack.entry(header("README.md", cardBuf.length), cardBuf);
  const sheetBuf = Buffer.from(JSON.stringify(sheet, null, 2) + "\n", "utf8");
  pack.entry(header("datasheet.json", sheetBuf.length), sheetBuf);
  const images = imagesIn(card);
  for (const [split, part] of parts) {
    const entry = pack.entry(header(images ? `data/${split}/metadata.jsonl` : `data/${split}.jsonl`, part.bytes));
    await pipeline(fs.createReadStream(part.file), entry);
    for (const [name, sha256] of pictures.get(split)!) {
      const bytes = await mediaStore().get(sha256);
      if (!bytes) throw new Error(`The picture ${name} is missing from the media store.`);
      await new Promise<void>((resolve, reject) => pack.entry(header(`data/${split}/${name}`, bytes.length), bytes, (err) => (err ? reject(err) : resolve())));
    }
  }
  pack.finalize();
  await writing;
  for (const part of parts.values()) fs.rmSync(part.file, { force: true });
  return { sha256: await out.close(), bytes: out.bytes };
}
