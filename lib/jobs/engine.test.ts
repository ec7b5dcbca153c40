// The background engine: several jobs per process, no project holding every slot, and a waiting
// batch that never holds a slot (its polls are delayed jobs).
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { ensureQueue, getBoss, stopBoss } from "@/lib/jobs/boss";
import { JobEngine } from "@/lib/jobs/engine";
import { defineQueue, noPayload, type JobPayload } from "@/lib/jobs/define";
import { z } from "zod";
import { startWorker, stopWorker } from "@/lib/worker";
import { createRun } from "@/lib/runs/create-run";
import { startRunSchema } from "@/lib/runs/schemas";
import { llmProject, startFakeLlm } from "@/lib/testing/llm-fixtures";
import { elapse, waitFor } from "@/lib/testing/wait";

process.env.BATCH_POLL_MS = "300";
process.env.JOB_SLOTS = "1"; // the hardest case: one slot for everything
resetEnvForTests();

afterAll(async () => {
  await stopWorker();
  await stopBoss();
});

const testQueue = (name: string, send = {}) => defineQueue<JobPayload>({ name, payload: z.object({ projectId: z.string().optional() }), send });

describe("job engine", () => {
  it("runs a direct run in one project while a batch run in another waits 60 s at the API, with a single slot", async () => {
    const fake = await startFakeLlm({ batchDelayMs: 60_000, latencyMs: 50 });
    try {
      const a = await llmProject(30);
      const b = await llmProject(40);
      const db = await getDb();
      await startWorker();
      const batch = await createRun(a.access, startRunSchema.parse({ promptVersionId: a.versionId, selection: { kind: "MISSING" }, mode: "BATCH" }));
      await waitFor("the batch run to submit its batch", async () => (await db.run.findUniqueOrThrow({ where: { id: batch.id } })).batchIds.length);
      const t0 = Date.now();
      const direct = await createRun(
        b.access,
        startRunSchema.parse({ promptVersionId: b.versionId, selection: { kind: "MISSING" }, mode: "DIRECT", concurrency: 8 }),
      );
      let firstAt = 0;
      await waitFor("the direct run to finish", async () => {
        if (!firstAt && (await db.suggestion.count({ where: { projectId: b.projectId } }))) firstAt = Date.now();
        return (await db.run.findUniqueOrThrow({ where: { id: direct.id } })).status === "DONE";
      });
      expect(firstAt - t0).toBeLessThan(5000);
      expect(await db.run.findUniqueOrThrow({ where: { id: direct.id } })).toMatchObject({ status: "DONE", doneItems: 40 });
      // The batch run is still waiting for the API, polled by delayed jobs (each holds the slot for a moment).
      const waiting = await db.run.findUniqueOrThrow({ where: { id: batch.id } });
      expect(waiting).toMatchObject({ status: "RUNNING", doneItems: 0, batchIds: [expect.any(String)] });
      expect(waiting.wakeAt).not.toBeNull();
    } finally {
      await stopWorker();
      await fake.stop();
    }
  });

  it("never lets one project hold every slot: another project's job starts while the first has more waiting", async () => {
    const boss = await getBoss();
    const queue = testQueue("engine-fairness-test");
    const log: { projectId: string; start: number; end: number }[] = [];
    const running = new Map<string, number>();
    let maxA = 0;
    const engine = new JobEngine(
      boss,
      [
        {
          queue,
          deadlineMs: 60_000,
          handle: async ({ projectId }) => {
            running.set(projectId!, (running.get(projectId!) ?? 0) + 1);
            maxA = Math.max(maxA, running.get("A") ?? 0);
            const start = Date.now();
            await elapse(400); // the job's work
            running.set(projectId!, running.get(projectId!)! - 1);
            log.push({ projectId: projectId!, start, end: Date.now() });
          },
        },
      ],
      3,
      2,
    );
    // Everything waits before the engine starts, so its first rounds see the whole queue.
    await ensureQueue(boss, queue.name);
    for (let i = 0; i < 6; i++) await boss.send(queue.name, { projectId: "A" });
    await boss.send(queue.name, { projectId: "B" });
    await engine.start();
    await waitFor("all seven jobs to run", () => log.length === 7);
    await engine.stop();
    expect(log).toHaveLength(7);
    expect(maxA).toBe(2); // A never had all three slots
    const b = log.find((l) => l.projectId === "B")!;
    const lastA = Math.max(...log.filter((l) => l.projectId === "A").map((l) => l.start));
    expect(b.start).toBeLessThan(lastA); // B did not wait for A's queue to drain
  });

  it("frees a slot at a job's deadline and aborts its signal, and a pooled kind never takes the shared slots", async () => {
    const boss = await getBoss();
    const stuck = testQueue("engine-deadline-stuck", { retryLimit: 0 });
    const slow = testQueue("engine-pool-slow");
    const work = testQueue("engine-pool-work");
    let aborted = 0;
    const done: number[] = [];
    const t0 = Date.now();
    const engine = new JobEngine(
      boss,
      [
        // Hangs until aborted: the deadline must free its slot.
        {
          queue: stuck,
          deadlineMs: 500,
          handle: async (_d, meta) => void (await new Promise<void>((r) => meta.signal.addEventListener("abort", () => (aborted++, r())))),
        },
        // Strangers: slow, in a pool of one.
        { queue: slow, deadlineMs: 60_000, pool: 1, handle: () => elapse(3000) },
        { queue: work, deadlineMs: 60_000, handle: async () => void done.push(Date.now() - t0) },
      ],
      1,
      1,
    );
    // Everything waits before the engine starts: its first round takes the stuck job into the one shared slot.
    for (const q of [stuck, slow, work]) await ensureQueue(boss, q.name);
    for (let i = 0; i < 3; i++) await boss.send(slow.name, { projectId: `S${i}` });
    await boss.send(stuck.name, { projectId: "X" });
    await boss.send(work.name, { projectId: "W" });
    await engine.start();
    await waitFor("the stranger's job to run", () => done.length);
    await engine.stop(100);
    // The stuck job held the one shared slot for its 0.5 s deadline only; the three slow pooled jobs never took it.
    expect(aborted).toBe(1);
    expect(done).toHaveLength(1);
    expect(done[0]).toBeLessThan(2500);
  });

  it("runs a kind that repeats by itself as one chain, however many engines start it, and fails a malformed job before its handler", async () => {
    const boss = await getBoss();
    const tick = defineQueue({ name: "engine-every-tick", payload: noPayload, send: { retryLimit: 0 }, policy: "short" });
    const strict = defineQueue({ name: "engine-strict-payload", payload: z.object({ projectId: z.string(), n: z.number() }), send: { retryLimit: 0 } });
    const ticks: number[] = [];
    const handled: unknown[] = [];
    const kinds = [
      { queue: tick, deadlineMs: 10_000, every: { ms: 1000 }, handle: async () => void ticks.push(Date.now()) },
      { queue: strict, deadlineMs: 10_000, handle: async (d: unknown) => void handled.push(d) },
    ] as never[];
    // Two engines (two workers) both start the chain: the short queue keeps one waiting.
    const one = new JobEngine(boss, kinds, 2, 2);
    const two = new JobEngine(boss, kinds, 2, 2);
    await one.start();
    await two.start();
    await boss.send(strict.name, { projectId: "P", n: "not a number" });
    await boss.send(strict.name, { projectId: "P", n: 3 });
    await elapse(4500); // the span the ticks are counted over
    await one.stop(100);
    await two.stop(100);
    // About one tick a second over ~4.5 s. The second engine's start may run the job once more at
    // once (its seed arrives while the first run is active), but the chains then merge: after that,
    // runs are a second apart, never two chains side by side.
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    expect(ticks.length).toBeLessThanOrEqual(7);
    const gaps = ticks.slice(1).map((t, i) => t - ticks[i]);
    expect(gaps.filter((g) => g < 700).length).toBeLessThanOrEqual(1);
    expect(gaps.slice(2).every((g) => g > 700)).toBe(true);
    expect(handled).toEqual([{ projectId: "P", n: 3 }]);
    const failed = await boss.fetch(strict.name, { includeMetadata: true });
    expect(failed).toEqual([]);
  });
});
