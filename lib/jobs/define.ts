// What a domain declares to run in the background, and how it sends work. The engine knows no
// domain: each domain declares its queues (name, payload schema, retry policy) in `job-queues.ts`, and
// binds them to handlers in `worker-jobs.ts`; the composition root (lib/worker) lists those. A
// queue and its handler live apart so that code which only sends a job need not import the code
// that runs it (a runner that queues its own next step would otherwise import itself).
import type PgBoss from "pg-boss";
import { z } from "zod";
import { ensureQueue, getBoss } from "@/lib/jobs/boss";

export type JobPayload = { projectId?: string };

/** The payload of a job that runs by itself: no project, nothing to name. */
export const noPayload = z.object({ projectId: z.never().optional() });

export type Queue<D extends JobPayload> = {
  name: string;
  /** Checked when a job is sent and again when it is taken: a malformed job fails loudly, never half-runs. */
  payload: z.ZodType<D>;
  /** Retries and expiry of every job of this queue (and of each next step it asks for). */
  send: PgBoss.SendOptions;
  /** "short": at most one job waits per project (its singletonKey), however many asked. */
  policy?: "standard" | "short";
};

/** `signal` aborts at the job's deadline: a handler stops at its next check. */
export type JobMeta = { attempt: number; final: boolean; signal: AbortSignal };
/** What a job may ask for when it ends: its next step, after a delay. */
export type JobResult = void | { again: { afterMs: number } };

export type JobDefinition<D extends JobPayload = JobPayload> = {
  queue: Queue<D>;
  handle: (data: D, meta: JobMeta) => Promise<JobResult>;
  /** The longest one job may hold its slot. */
  deadlineMs: number;
  /** Slots of its own, outside the engine's shared ones (for kinds that wait on strangers, or must never wait behind them). */
  pool?: number;
  /** Work of this kind whose runner died or whose job was lost: queue it again (called by the housekeeping job, lib/worker/jobs.ts; leases make a second job harmless). */
  recover?: () => Promise<number>;
  /** Runs by itself every `every.ms`: sent once when a worker starts, then each run asks for the next (a minute's cron brings back a lost chain). */
  every?: { ms: number };
};

export const defineQueue = <D extends JobPayload>(queue: Queue<D>): Queue<D> => queue;
export const defineJob = <D extends JobPayload>(job: JobDefinition<D>): JobDefinition<D> => job;

type Holder = { onSend?: () => void };
const holder: Holder = ((globalThis as Record<string, unknown>).__goldsetQueues ??= {}) as Holder;

/** The engine of this process, told when a job is sent so it need not wait for its next poll. */
export function onJobSent(listener: (() => void) | undefined) {
  holder.onSend = listener;
}

/** Sends a job (after `afterMs` if given). A "short" queue keeps one waiting job per project. */
export async function enqueue<D extends JobPayload>(queue: Queue<D>, data: D, opts: { afterMs?: number } = {}): Promise<void> {
  const payload = queue.payload.parse(data);
  const boss = await getBoss();
  await ensureQueue(boss, queue.name, queue.policy);
  await boss.send(queue.name, payload, {
    ...queue.send,
    ...(queue.policy === "short" && payload.projectId ? { singletonKey: payload.projectId } : {}),
    ...(opts.afterMs ? { startAfter: Math.ceil(opts.afterMs / 1000) } : {}),
  });
  holder.onSend?.();
}
