// The background engine: one loop per process that takes jobs from pg-boss's queues into a fixed
// number of slots. Jobs of several queues and projects run side by side; a project already using
// its share of the slots has its next job put back a moment later, so another project's job gets
// the slot. A job that is a step of longer work (a slice of a run, a batch poll) asks for its next
// step, which is queued (after a delay if it asked for one) behind the jobs already waiting.
//
// Every kind has a wall-clock deadline: past it the job's signal aborts, the job is failed (pg-boss
// retries it by its policy) and its slot is freed, whatever the handler is waiting for. A kind that
// talks to strangers (webhook deliveries) runs in a small pool of its own, so however slow they
// are, they never take the slots imports, runs and exports need.
import type PgBoss from "pg-boss";

/** `signal` aborts at the job's deadline: a handler stops at its next check. */
export type JobMeta = { attempt: number; final: boolean; signal: AbortSignal };
/** What a job may ask for when it ends: its next step, after a delay. */
export type JobResult = void | { again: { afterMs: number } };
export type JobKind<D extends { projectId?: string }> = {
  queue: string;
  handle: (data: D, meta: JobMeta) => Promise<JobResult>;
  /** How the next step of a job is sent (retries, expiry). */
  sendOptions: PgBoss.SendOptions;
  /** The longest one job of this kind may hold its slot. */
  deadlineMs: number;
  /** Slots of its own, outside the engine's shared ones (for kinds that wait on strangers). */
  pool?: number;
};

type Running = { queue: string; projectId: string | undefined; pooled: boolean; done: Promise<void> };

/** How long a project over its share waits before its job is offered a slot again. */
const DEFER_SECONDS = 2;
const IDLE_POLL_MS = 1000;

export class JobEngine {
  private running = new Map<string, Running>();
  private stopped = false;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private turn = 0;

  constructor(
    private readonly boss: PgBoss,
    private readonly kinds: JobKind<{ projectId?: string }>[],
    private readonly slots: number,
    private readonly slotsPerProject: number,
  ) {}

  start() {
    this.loop ??= this.run().catch((err) => console.error("[jobs] the engine stopped", err));
  }

  /** Something was queued in this process: look now rather than at the next poll. */
  notify() {
    this.wake?.();
  }

  /** Stops taking jobs and waits for those running (at most `waitMs`). */
  async stop(waitMs = 10_000) {
    this.stopped = true;
    this.notify();
    await Promise.race([Promise.allSettled([...this.running.values()].map((r) => r.done)), new Promise((r) => setTimeout(r, waitMs))]);
    await this.loop;
  }

  /** Jobs running now, per project (for tests and the admin page). */
  snapshot(): { queue: string; projectId: string | undefined }[] {
    return [...this.running.values()].map(({ queue, projectId }) => ({ queue, projectId }));
  }

  private async run() {
    while (!this.stopped) {
      let started = 0;
      // Each round starts with the next queue, so no queue is always asked first.
      const order = this.kinds.map((_, i) => this.kinds[(i + this.turn) % this.kinds.length]);
      this.turn++;
      for (const kind of order) {
        if (this.stopped) break;
        if (!this.hasRoom(kind)) continue;
        started += await this.takeOne(kind).catch((err) => {
          console.error(`[jobs] fetching from ${kind.queue}`, err);
          return 0;
        });
      }
      if (!started || this.kinds.every((k) => !this.hasRoom(k))) await this.idle();
    }
  }

  /** Shared slots for most kinds; a pooled kind counts only against its own pool. */
  private hasRoom(kind: JobKind<{ projectId?: string }>): boolean {
    const running = [...this.running.values()];
    if (kind.pool) return running.filter((r) => r.queue === kind.queue).length < kind.pool;
    return running.filter((r) => !r.pooled).length < this.slots;
  }

  private idle() {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, IDLE_POLL_MS);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }

  private async takeOne(kind: JobKind<{ projectId?: string }>): Promise<number> {
    const [job] = await this.boss.fetch<{ projectId?: string }>(kind.queue, { batchSize: 1, includeMetadata: true });
    if (!job) return 0;
    const projectId = job.data.projectId;
    const busy = [...this.running.values()].filter((r) => !r.pooled && r.projectId !== undefined && r.projectId === projectId).length;
    if (!kind.pool && projectId !== undefined && busy >= this.slotsPerProject) {
      await this.boss.send(kind.queue, job.data, { ...kind.sendOptions, startAfter: DEFER_SECONDS });
      await this.boss.complete(kind.queue, job.id);
      return 0;
    }
    const controller = new AbortController();
    const meta = { attempt: job.retryCount + 1, final: job.retryCount >= job.retryLimit, signal: controller.signal };
    const done = this.execute(kind, job, meta, controller).finally(() => {
      this.running.delete(job.id);
      this.notify();
    });
    this.running.set(job.id, { queue: kind.queue, projectId, pooled: Boolean(kind.pool), done });
    return 1;
  }

  /** Runs the handler against the kind's deadline: past it the signal aborts and the slot is freed. */
  private async execute(kind: JobKind<{ projectId?: string }>, job: PgBoss.JobWithMetadata<{ projectId?: string }>, meta: JobMeta, controller: AbortController) {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<"deadline">((resolve) => {
      timer = setTimeout(() => resolve("deadline"), kind.deadlineMs);
      timer.unref();
    });
    try {
      const result = await Promise.race([kind.handle(job.data, meta), deadline]);
      if (result === "deadline") {
        controller.abort();
        throw new Error(`the ${kind.deadlineMs / 1000} s deadline of a ${kind.queue} job passed`);
      }
      if (result) await this.boss.send(kind.queue, job.data, { ...kind.sendOptions, startAfter: Math.ceil(result.again.afterMs / 1000) });
      await this.boss.complete(kind.queue, job.id);
    } catch (err) {
      console.error(`[jobs] ${kind.queue} job ${job.id} failed (attempt ${meta.attempt})`, err);
      await this.boss.fail(kind.queue, job.id, { message: (err as Error)?.message ?? String(err) }).catch(() => {});
    } finally {
      clearTimeout(timer);
    }
  }
}
