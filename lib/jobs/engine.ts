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
//
// A kind that runs `every` so often (housekeeping, the webhook poll) is a chain of jobs: one is
// sent when the engine starts, each run asks for the next, and pg-boss's cron sends one a minute
// so a chain lost in a crash comes back; its queue keeps at most one waiting, so chains never pile up.
import type PgBoss from "pg-boss";
import { ensureQueue } from "@/lib/jobs/boss";
import type { JobDefinition, JobMeta, JobPayload } from "@/lib/jobs/define";
import { log, withLogContext } from "@/lib/observability/log";
import { metrics } from "@/lib/observability/metrics";

type JobKind = JobDefinition<JobPayload>;

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
    private readonly kinds: JobKind[],
    private readonly slots: number,
    private readonly slotsPerProject: number,
  ) {}

  /** Creates the queues, starts the chains of the kinds that run by themselves, then takes jobs. */
  async start() {
    if (this.loop) return;
    for (const kind of this.kinds) await ensureQueue(this.boss, kind.queue.name, kind.queue.policy);
    for (const kind of this.kinds.filter((k) => k.every)) {
      await this.boss.send(kind.queue.name, {}, kind.queue.send);
      await this.boss.schedule(kind.queue.name, "* * * * *", {}, kind.queue.send);
    }
    this.loop = this.run().catch((err) => log.error("the job engine stopped", { err }));
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
          log.error(`fetching a job from ${kind.queue.name}`, { err });
          return 0;
        });
      }
      if (!started || this.kinds.every((k) => !this.hasRoom(k))) await this.idle();
    }
  }

  /** Shared slots for most kinds; a pooled kind counts only against its own pool. */
  private hasRoom(kind: JobKind): boolean {
    const running = [...this.running.values()];
    if (kind.pool) return running.filter((r) => r.queue === kind.queue.name).length < kind.pool;
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

  private async takeOne(kind: JobKind): Promise<number> {
    const [job] = await this.boss.fetch<JobPayload>(kind.queue.name, { batchSize: 1, includeMetadata: true });
    if (!job) return 0;
    const projectId = job.data.projectId;
    const busy = [...this.running.values()].filter((r) => !r.pooled && r.projectId !== undefined && r.projectId === projectId).length;
    if (!kind.pool && projectId !== undefined && busy >= this.slotsPerProject) {
      await this.boss.send(kind.queue.name, job.data, { ...kind.queue.send, startAfter: DEFER_SECONDS });
      await this.boss.complete(kind.queue.name, job.id);
      return 0;
    }
    const controller = new AbortController();
    const meta = { attempt: job.retryCount + 1, final: job.retryCount >= job.retryLimit, signal: controller.signal };
    const context = { jobId: job.id, queue: kind.queue.name, ...(projectId ? { projectId } : {}) };
    const done = withLogContext(context, () => this.execute(kind, job, meta, controller)).finally(() => {
      this.running.delete(job.id);
      this.notify();
    });
    this.running.set(job.id, { queue: kind.queue.name, projectId, pooled: Boolean(kind.pool), done });
    return 1;
  }

  /** Runs the handler against the kind's deadline: past it the signal aborts and the slot is freed. */
  private async execute(kind: JobKind, job: PgBoss.JobWithMetadata<JobPayload>, meta: JobMeta, controller: AbortController) {
    let timer: NodeJS.Timeout | undefined;
    const stop = metrics().jobDuration.startTimer({ queue: kind.queue.name });
    const deadline = new Promise<"deadline">((resolve) => {
      timer = setTimeout(() => resolve("deadline"), kind.deadlineMs);
      timer.unref();
    });
    try {
      const data = kind.queue.payload.parse(job.data); // a malformed job fails here, before any work
      const result = await Promise.race([kind.handle(data, meta), deadline]);
      if (result === "deadline") {
        controller.abort();
        throw new Error(`the ${kind.deadlineMs / 1000} s deadline of a ${kind.queue.name} job passed`);
      }
      const next = result ? result.again.afterMs : kind.every?.ms;
      if (next !== undefined) await this.boss.send(kind.queue.name, job.data, { ...kind.queue.send, startAfter: Math.ceil(next / 1000) });
      await this.boss.complete(kind.queue.name, job.id);
      stop({ outcome: "done" });
    } catch (err) {
      stop({ outcome: "failed" });
      log.error(`job failed (attempt ${meta.attempt})`, { err });
      await this.boss.fail(kind.queue.name, job.id, { message: (err as Error)?.message ?? String(err) }).catch(() => {});
    } finally {
      clearTimeout(timer);
    }
  }
}
