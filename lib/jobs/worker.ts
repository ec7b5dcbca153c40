// Runs the job handlers. In development and single-machine set-ups the web process runs it
// (instrumentation.ts); on PostgreSQL, `npm run worker` runs it on its own, on as many machines as needed.
import { getDb } from "@/lib/db";
import { getBoss, QUEUES } from "@/lib/jobs/boss";
import { enqueueImport } from "@/lib/jobs/queues";
import { IMPORT_LEASE_SECONDS, runImport } from "@/lib/imports/run-import";
import { processRun, RUN_LEASE_SECONDS } from "@/lib/runs/process-run";
import { enqueueRun } from "@/lib/jobs/queues";
import { runExport } from "@/lib/exports/run-export";

type Holder = { started?: boolean; sweeper?: NodeJS.Timeout };
const holder: Holder = ((globalThis as Record<string, unknown>).__goldsetWorker ??= {}) as Holder;

export async function startWorker(): Promise<void> {
  if (holder.started) return;
  holder.started = true;
  const boss = await getBoss();
  await boss.work<{ importId: string }>(QUEUES.import, { pollingIntervalSeconds: 1, batchSize: 1 }, async ([job]) => {
    const result = await runImport(job.data.importId);
    if (result === "not-claimed") console.log(`[import ${job.data.importId}] already running elsewhere or finished`);
  });
  // Several runs at once per worker; each run bounds its own request concurrency.
  await boss.work<{ runId: string }>(QUEUES.prelabel, { pollingIntervalSeconds: 1, batchSize: 1 }, async ([job]) => {
    await processRun(job.data.runId);
  });
  await boss.work<{ exportId: string }>(QUEUES.export, { pollingIntervalSeconds: 1, batchSize: 1 }, async ([job]) => {
    await runExport(job.data.exportId);
  });
  await requeueStalledImports();
  await requeueStalledRuns();
  holder.sweeper = setInterval(() => void sweep().catch((e) => console.error("[jobs] sweep", e)), 60_000);
  holder.sweeper.unref();
}

export async function stopWorker(): Promise<void> {
  if (holder.sweeper) clearInterval(holder.sweeper);
  holder.started = false;
}

async function sweep() {
  await requeueStalledImports();
  await requeueStalledRuns();
  // Sign-in counters older than a day are over: drop them so the table does not grow forever.
  const db = await getDb();
  await db.rateLimit.deleteMany({ where: { windowStart: { lt: new Date(Date.now() - 24 * 3600 * 1000) } } });
}

/** Work whose job was lost (queued for a while, e.g. a crash before the send) or whose worker died (stale heartbeat). */
function stalled(leaseSeconds: number) {
  return {
    OR: [
      { status: "QUEUED" as const, createdAt: { lt: new Date(Date.now() - 30_000) } },
      { status: "RUNNING" as const, OR: [{ heartbeatAt: null }, { heartbeatAt: { lt: new Date(Date.now() - leaseSeconds * 1000) } }] },
    ],
  };
}

/** Queues stalled imports again; runImport's lease and committed line ranges make that safe. */
export async function requeueStalledImports(): Promise<number> {
  const db = await getDb();
  const rows = await db.import.findMany({ where: stalled(IMPORT_LEASE_SECONDS), select: { id: true }, take: 100 });
  for (const r of rows) await enqueueImport(r.id);
  return rows.length;
}

/** Queues stalled runs again; the run lease and item leases make that safe. */
export async function requeueStalledRuns(): Promise<number> {
  const db = await getDb();
  const rows = await db.run.findMany({ where: stalled(RUN_LEASE_SECONDS), select: { id: true }, take: 100 });
  for (const r of rows) await enqueueRun(r.id);
  return rows.length;
}
