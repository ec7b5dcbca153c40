// Runs the background engine. In development and single-machine set-ups the web process runs it
// (instrumentation.ts); on PostgreSQL, `npm run worker` runs it on its own, on as many machines
// as needed. Each queue's handler only names the job's row: the row's lease decides who works.
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { getBoss, QUEUES } from "@/lib/jobs/boss";
import { JobEngine, type JobKind, type JobResult } from "@/lib/jobs/engine";
import { enqueueWebhooks, onJobSent, SEND_OPTIONS, type AuditJob, type ExportJob, type LearnerJob, type ImportJob, type RunJob, type SynthesisJobMessage, type WebhookJob, type ApplyJob, type AlignmentJob } from "@/lib/jobs/queues";
import { deleteExpiredFiles, requeueOrphans } from "@/lib/jobs/sweep";
import { runImport } from "@/lib/imports/run-import";
import { runExport } from "@/lib/exports/run-export";
import { runStep } from "@/lib/runs/run-step";
import { cancelBatches } from "@/lib/runs/cancel-batches";
import { checkAudit } from "@/lib/gold/auto-accept";
import { requestApply, runApply } from "@/lib/gold/apply-job";
import { runLearnerTraining } from "@/lib/learner/run-training";
import { retrainWhereDue } from "@/lib/learner/service";
import { heartbeat } from "@/lib/health";
import { dropOldIdempotencyKeys } from "@/lib/auth/idempotency";
import { deliverDue, projectsWithDueDeliveries } from "@/lib/webhooks/deliver";
import { runSynthesisJob } from "@/lib/synthesis/run-job";
import { evaluateRound } from "@/lib/alignment/evaluate";
import { advanceLoop } from "@/lib/alignment/loop";
import { settleAcquisition } from "@/lib/alignment/acquire";

const SWEEP_MS = 60_000;
/** How often the outbox is checked for due webhook deliveries (the triggers cannot send jobs). */
const WEBHOOK_POLL_MS = 5_000;
/** Webhook jobs run in two slots of their own; one sends a project's due deliveries for at most two minutes. */
const WEBHOOK_SLOTS = 2;
const WEBHOOK_JOB_MS = 2 * 60_000;

type Holder = { engine?: JobEngine; sweeper?: NodeJS.Timeout; webhookPoller?: NodeJS.Timeout };
const holder: Holder = ((globalThis as Record<string, unknown>).__goldsetWorker ??= {}) as Holder;

const importKind: JobKind<ImportJob> = {
  queue: QUEUES.import,
  sendOptions: SEND_OPTIONS.import,
  deadlineMs: 6 * 3600_000,
  handle: async ({ importId }) => {
    const result = await runImport(importId);
    if (result === "not-claimed") console.log(`[import ${importId}] already running elsewhere or finished`);
  },
};

const runKind: JobKind<RunJob> = {
  queue: QUEUES.prelabel,
  sendOptions: SEND_OPTIONS.run,
  deadlineMs: 30 * 60_000,
  handle: async ({ runId, action }): Promise<JobResult> => {
    const next = action === "cancel-batches" ? await cancelBatches(runId) : await runStep(runId);
    return next !== null && typeof next === "object" ? { again: { afterMs: next.waitMs } } : undefined;
  },
};

const exportKind: JobKind<ExportJob> = {
  queue: QUEUES.export,
  sendOptions: SEND_OPTIONS.export,
  deadlineMs: 6 * 3600_000,
  handle: async ({ exportId }, meta) => {
    await runExport(exportId, { final: meta.final });
  },
};

const auditKind: JobKind<AuditJob> = {
  queue: QUEUES.audit,
  sendOptions: SEND_OPTIONS.audit,
  deadlineMs: 5 * 60_000,
  handle: async ({ projectId }) => {
    const { paused, resumed } = await checkAudit(projectId);
    if (paused) console.log(`[auto-accept ${projectId}] paused by the audit: ${paused}`);
    // Resumed: accept what waited while it was paused.
    if (resumed) await requestApply(projectId, null, "audit");
  },
};

const applyKind: JobKind<ApplyJob> = {
  queue: QUEUES.apply,
  sendOptions: SEND_OPTIONS.apply,
  deadlineMs: 3600_000,
  handle: async ({ applyId }) => {
    const result = await runApply(applyId);
    if (result !== "done") console.log(`[auto-accept apply ${applyId}] ${result === "lost" ? "superseded or taken over" : "already running elsewhere or finished"}`);
  },
};

const learnerKind: JobKind<LearnerJob> = {
  queue: QUEUES.learner,
  sendOptions: SEND_OPTIONS.learner,
  deadlineMs: 2 * 3600_000,
  handle: async ({ trainingId }) => {
    const result = await runLearnerTraining(trainingId);
    if (result === "not-claimed") console.log(`[learner ${trainingId}] already running elsewhere or finished`);
  },
};

const webhookKind: JobKind<WebhookJob> = {
  queue: QUEUES.webhooks,
  sendOptions: SEND_OPTIONS.webhooks,
  deadlineMs: WEBHOOK_JOB_MS,
  // Receivers are strangers: deliveries have slots of their own and never take the shared ones.
  pool: WEBHOOK_SLOTS,
  handle: async ({ projectId }, meta) => {
    await deliverDue(projectId, meta.signal);
  },
};

/** How often a proposed version's test looks whether its runs have finished. */
const ALIGNMENT_POLL_MS = 3_000;

const alignmentKind: JobKind<AlignmentJob> = {
  queue: QUEUES.alignment,
  sendOptions: SEND_OPTIONS.alignment,
  deadlineMs: 5 * 60_000,
  handle: async ({ projectId, roundId, loopId, acquire }): Promise<JobResult> => {
    const state = loopId ? await advanceLoop(projectId, loopId) : !roundId ? "done" : acquire ? await settleAcquisition(projectId, roundId) : await evaluateRound(projectId, roundId);
    return state === "done" ? undefined : { again: { afterMs: ALIGNMENT_POLL_MS } };
  },
};

const synthesisKind: JobKind<SynthesisJobMessage> = {
  queue: QUEUES.synthesis,
  sendOptions: SEND_OPTIONS.synthesis,
  deadlineMs: 2 * 3600_000,
  handle: async ({ jobId }): Promise<JobResult> => {
    const result = await runSynthesisJob(jobId);
    if (result === "not-claimed") console.log(`[synthesis ${jobId}] already running elsewhere or finished`);
    // A batch is open: poll it again later, without holding a worker slot meanwhile.
    return typeof result === "object" ? { again: { afterMs: result.wait } } : undefined;
  },
};

/** Wakes the webhook job of each project whose outbox has deliveries due. */
async function pollWebhooks() {
  for (const projectId of await projectsWithDueDeliveries()) await enqueueWebhooks({ projectId });
}

export async function startWorker(): Promise<void> {
  if (holder.engine) return;
  const boss = await getBoss();
  const { slots, slotsPerProject } = env().jobs;
  const engine = new JobEngine(boss, [importKind, runKind, exportKind, auditKind, applyKind, learnerKind, webhookKind, synthesisKind, alignmentKind] as JobKind<{ projectId?: string }>[], slots, slotsPerProject);
  holder.engine = engine;
  onJobSent(() => engine.notify());
  engine.start();
  await sweep();
  holder.sweeper = setInterval(() => void sweep().catch((e) => console.error("[jobs] sweep", e)), SWEEP_MS);
  holder.sweeper.unref();
  holder.webhookPoller = setInterval(() => void pollWebhooks().catch((e) => console.error("[jobs] webhooks", e)), WEBHOOK_POLL_MS);
  holder.webhookPoller.unref();
}

export async function stopWorker(): Promise<void> {
  if (holder.sweeper) clearInterval(holder.sweeper);
  if (holder.webhookPoller) clearInterval(holder.webhookPoller);
  onJobSent(undefined);
  await holder.engine?.stop();
  holder.engine = undefined;
}

/** What the engine of this process is running (tests). */
export const runningJobs = () => holder.engine?.snapshot() ?? [];

async function sweep() {
  await heartbeat();
  await requeueOrphans();
  await deleteExpiredFiles();
  await retrainWhereDue();
  await dropOldIdempotencyKeys();
  // Sign-in counters older than a day are over: drop them so the table does not grow forever.
  const db = await getDb();
  await db.rateLimit.deleteMany({ where: { windowStart: { lt: new Date(Date.now() - 24 * 3600 * 1000) } } });
}
