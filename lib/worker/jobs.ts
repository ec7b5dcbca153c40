// The composition root of background work: every job the worker runs, as its domain declared it.
// A new kind of job is one definition in its domain and one line here; lib/jobs knows no domain.
import { getDb } from "@/lib/db";
import { defineJob, defineQueue, noPayload, type JobDefinition, type JobPayload } from "@/lib/jobs/define";
import { heartbeat } from "@/lib/health";
import { dropOldIdempotencyKeys } from "@/lib/auth/idempotency";
import { alignmentJob } from "@/lib/alignment/worker-jobs";
import { exportJob } from "@/lib/exports/worker-jobs";
import { applyJob, auditJob } from "@/lib/gold/worker-jobs";
import { importJob } from "@/lib/imports/worker-jobs";
import { learnerJob, retrainJob } from "@/lib/learner/worker-jobs";
import { runJob } from "@/lib/runs/worker-jobs";
import { synthesisJob } from "@/lib/synthesis/worker-jobs";
import { webhookJob, webhookPollJob } from "@/lib/webhooks/worker-jobs";
import { deleteExpiredFiles } from "@/lib/worker/files";

const DOMAIN_JOBS: JobDefinition[] = [
  importJob,
  runJob,
  exportJob,
  auditJob,
  applyJob,
  learnerJob,
  retrainJob,
  webhookJob,
  webhookPollJob,
  synthesisJob,
  alignmentJob,
] as JobDefinition[];

/** Lost work of every kind queued again (each definition's `recover`). */
export async function requeueOrphans(): Promise<number> {
  let n = 0;
  for (const job of DOMAIN_JOBS) if (job.recover) n += await job.recover();
  return n;
}

const housekeepingQueue = defineQueue({
  name: "housekeeping",
  payload: noPayload,
  send: { retryLimit: 1, retryDelay: 30, expireInMinutes: 10 },
  policy: "short",
});

/**
 * Once a minute, in a slot of its own: this worker's heartbeat, lost work queued again, files past
 * retention, and old idempotency keys and sign-in counters dropped so their tables do not grow.
 */
const housekeepingJob = defineJob({
  queue: housekeepingQueue,
  deadlineMs: 5 * 60_000,
  pool: 1,
  every: { ms: 60_000 },
  handle: async () => {
    await heartbeat();
    await requeueOrphans();
    await deleteExpiredFiles();
    await dropOldIdempotencyKeys();
    const db = await getDb();
    await db.rateLimit.deleteMany({ where: { windowStart: { lt: new Date(Date.now() - 24 * 3600 * 1000) } } });
  },
});

export const ALL_JOBS: JobDefinition<JobPayload>[] = [...DOMAIN_JOBS, housekeepingJob as JobDefinition];
