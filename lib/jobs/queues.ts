// Sending jobs. A job is only a wake-up call: the row it names (Import, Run, Export) holds the
// state and its lease, so a job sent twice, or retried after a crash, finds the row taken or done
// and ends. Every job carries its project, for the engine's per-project fairness.
import type PgBoss from "pg-boss";
import { getBoss, QUEUES } from "@/lib/jobs/boss";

export type ImportJob = { importId: string; projectId: string };
export type RunJob = { runId: string; projectId: string; action?: "step" | "cancel-batches" };
export type ExportJob = { exportId: string; projectId: string };
export type AuditJob = { projectId: string };
export type LearnerJob = { trainingId: string; projectId: string };
export type WebhookJob = { projectId: string };
export type SynthesisJobMessage = { jobId: string; projectId: string };
export type ApplyJob = { applyId: string; projectId: string };
/** A round's test to settle (or, `acquire`, its items to review first to mark), or a loop to advance. */
export type AlignmentJob = { projectId: string; roundId?: string; loopId?: string; acquire?: boolean };

export const SEND_OPTIONS = {
  import: { retryLimit: 3, retryDelay: 10, retryBackoff: true, expireInHours: 6 },
  // A run job is one step (a slice of a direct run, one batch poll): minutes at most.
  run: { retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInMinutes: 30 },
  export: { retryLimit: 2, retryDelay: 10, expireInHours: 6 },
  audit: { retryLimit: 3, retryDelay: 5, expireInMinutes: 10 },
  // A training claims its row once; a retry finds it taken and ends (a lead starts another).
  learner: { retryLimit: 1, retryDelay: 10, expireInHours: 2 },
  // Sends a project's due webhook deliveries; each delivery keeps its own retries and backoff.
  webhooks: { retryLimit: 2, retryDelay: 5, expireInMinutes: 15 },
  // A job claims its row; a retry after a crash takes it over once the lease has run out.
  synthesis: { retryLimit: 3, retryDelay: 150, expireInHours: 6 },
  // An auto-accept apply claims its row; a retry after a crash resumes after its last committed window.
  apply: { retryLimit: 3, retryDelay: 70, expireInHours: 1 },
  // Waits for a proposed version's test runs, then freezes the verdict (a delayed job while runs go on).
  alignment: { retryLimit: 3, retryDelay: 10, expireInMinutes: 10 },
} satisfies Record<string, PgBoss.SendOptions>;

type Holder = { onSend?: () => void };
const holder: Holder = ((globalThis as Record<string, unknown>).__goldsetQueues ??= {}) as Holder;

/** The engine of this process, told when a job is sent so it need not wait for its next poll. */
export function onJobSent(listener: (() => void) | undefined) {
  holder.onSend = listener;
}

async function send(queue: string, data: object, options: PgBoss.SendOptions) {
  const boss = await getBoss();
  await boss.send(queue, data, options);
  holder.onSend?.();
}

export const enqueueImport = (job: ImportJob) => send(QUEUES.import, job, SEND_OPTIONS.import);
export const enqueueRun = (job: RunJob, opts: { afterMs?: number } = {}) =>
  send(QUEUES.prelabel, job, { ...SEND_OPTIONS.run, ...(opts.afterMs ? { startAfter: Math.ceil(opts.afterMs / 1000) } : {}) });
export const enqueueExport = (job: ExportJob) => send(QUEUES.export, job, SEND_OPTIONS.export);
/** After people decide on an audited item: check the auto-accept audit (one check waits per project, however many ask). */
export const enqueueAuditCheck = (job: AuditJob) => send(QUEUES.audit, job, { ...SEND_OPTIONS.audit, singletonKey: job.projectId });
export const enqueueLearner = (job: LearnerJob) => send(QUEUES.learner, job, SEND_OPTIONS.learner);
export const enqueueApply = (job: ApplyJob) => send(QUEUES.apply, job, SEND_OPTIONS.apply);
export const enqueueAlignment = (job: AlignmentJob, opts: { afterMs?: number } = {}) =>
  send(QUEUES.alignment, job, { ...SEND_OPTIONS.alignment, ...(opts.afterMs ? { startAfter: Math.ceil(opts.afterMs / 1000) } : {}) });
export const enqueueSynthesis = (job: SynthesisJobMessage) => send(QUEUES.synthesis, job, SEND_OPTIONS.synthesis);
/** Deliveries are due in this project (one job waits per project, however many ask). */
export const enqueueWebhooks = (job: WebhookJob) => send(QUEUES.webhooks, job, { ...SEND_OPTIONS.webhooks, singletonKey: job.projectId });
