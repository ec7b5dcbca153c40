// The sweep, once a minute in every worker: work whose runner died or whose job was lost is
// queued again (the leases make a second job harmless), and files past their retention are
// deleted: finished exports' files, uploads whose import is over, and files no row owns any more
// (their project was deleted, or a worker died while writing them).
import fs from "node:fs";
import path from "node:path";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { getBoss, QUEUES } from "@/lib/jobs/boss";
import { enqueueApply, enqueueExport, enqueueImport, enqueueRun, enqueueSynthesis } from "@/lib/jobs/queues";
import { orphanedRows, uncancelledBatchRuns, type OrphanRow } from "@/lib/jobs/sql";
import { IMPORT_LEASE_SECONDS } from "@/lib/imports/run-import";
import { RUN_LEASE_SECONDS } from "@/lib/runs/run-step";
import { EXPORT_LEASE_SECONDS } from "@/lib/exports/run-export";
import { SYNTHESIS_LEASE_SECONDS } from "@/lib/synthesis/run-job";
import { APPLY_LEASE_SECONDS } from "@/lib/gold/apply-job";

export async function requeueOrphans(): Promise<{ imports: number; runs: number; exports: number }> {
  await getBoss(); // its tables are what "no job waiting" is checked against
  const db = await getDb();
  const imports = await db.$queryRaw<OrphanRow[]>(orphanedRows("Import", QUEUES.import, "importId", IMPORT_LEASE_SECONDS));
  for (const r of imports) await enqueueImport({ importId: r.id, projectId: r.projectId });
  const runs = await db.$queryRaw<OrphanRow[]>(orphanedRows("Run", QUEUES.prelabel, "runId", RUN_LEASE_SECONDS));
  for (const r of runs) await enqueueRun({ runId: r.id, projectId: r.projectId });
  const cancelling = await db.$queryRaw<OrphanRow[]>(uncancelledBatchRuns(QUEUES.prelabel));
  for (const r of cancelling) await enqueueRun({ runId: r.id, projectId: r.projectId, action: "cancel-batches" });
  const exports = await db.$queryRaw<OrphanRow[]>(orphanedRows("Export", QUEUES.export, "exportId", EXPORT_LEASE_SECONDS));
  for (const r of exports) await enqueueExport({ exportId: r.id, projectId: r.projectId });
  const syntheses = await db.$queryRaw<OrphanRow[]>(orphanedRows("SynthesisJob", QUEUES.synthesis, "jobId", SYNTHESIS_LEASE_SECONDS));
  for (const r of syntheses) await enqueueSynthesis({ jobId: r.id, projectId: r.projectId });
  const applies = await db.$queryRaw<OrphanRow[]>(orphanedRows("AutoAcceptApply", QUEUES.apply, "applyId", APPLY_LEASE_SECONDS));
  for (const r of applies) await enqueueApply({ applyId: r.id, projectId: r.projectId });
  return { imports: imports.length, runs: runs.length + cancelling.length, exports: exports.length };
}

/** Deletes what is past retention; returns how many files went. */
export async function deleteExpiredFiles(now = new Date()): Promise<number> {
  const db = await getDb();
  const cutoff = new Date(now.getTime() - env().jobs.retentionDays * 24 * 3600 * 1000);
  let deleted = 0;
  const expired = await db.export.findMany({ where: { finishedAt: { lt: cutoff }, fileDeletedAt: null }, select: { id: true, storagePath: true }, take: 500 });
  for (const e of expired) {
    if (e.storagePath) deleted += remove(e.storagePath);
    await db.export.update({ where: { id: e.id }, data: { fileDeletedAt: now, storagePath: null } });
  }
  deleted += await deleteUnowned(path.join(env().dataDir, "exports"), cutoff, async (ids) =>
    (await db.export.findMany({ where: { id: { in: ids }, fileDeletedAt: null }, select: { id: true } })).map((e) => e.id),
  );
  deleted += await deleteUnowned(path.join(env().dataDir, "uploads"), cutoff, async (ids) =>
    (await db.import.findMany({ where: { id: { in: ids }, status: { in: ["QUEUED", "RUNNING"] } }, select: { id: true } })).map((i) => i.id),
  );
  return deleted;
}

/**
 * Files in `dir` older than `cutoff` whose row (named by the file name's first part) no longer
 * needs them. `live` says which of the ids still do.
 */
async function deleteUnowned(dir: string, cutoff: Date, live: (ids: string[]) => Promise<string[]>): Promise<number> {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return 0; // nothing was ever written here
  }
  const old = names.filter((n) => {
    try {
      return fs.statSync(path.join(dir, n)).mtime < cutoff;
    } catch {
      return false;
    }
  });
  const idOf = (n: string) => n.split(".")[0];
  const keep = new Set(await live([...new Set(old.map(idOf))]));
  let deleted = 0;
  for (const n of old) if (!keep.has(idOf(n))) deleted += remove(path.join(dir, n));
  return deleted;
}

function remove(file: string): number {
  try {
    fs.rmSync(file);
    return 1;
  } catch {
    return 0;
  }
}
