// Runs the background engine. In development and single-machine set-ups the web process runs it
// (instrumentation.ts); on PostgreSQL, `npm run worker` runs it on its own, on as many machines
// as needed. Each job only names its row: the row's lease decides who works.
import { env } from "@/lib/env";
import { getBoss } from "@/lib/jobs/boss";
import { onJobSent } from "@/lib/jobs/define";
import { JobEngine } from "@/lib/jobs/engine";
import { ALL_JOBS } from "@/lib/worker/jobs";

type Holder = { engine?: JobEngine };
const holder: Holder = ((globalThis as Record<string, unknown>).__goldsetWorker ??= {}) as Holder;

export async function startWorker(): Promise<void> {
  if (holder.engine) return;
  const boss = await getBoss();
  const { slots, slotsPerProject } = env().jobs;
  const engine = new JobEngine(boss, ALL_JOBS, slots, slotsPerProject);
  holder.engine = engine;
  onJobSent(() => engine.notify());
  await engine.start();
}

/** Stops taking jobs and waits for those running (the engine's own limit), so a shutdown leaves no job half-taken. */
export async function stopWorker(): Promise<void> {
  onJobSent(undefined);
  await holder.engine?.stop();
  holder.engine = undefined;
}

/** What the engine of this process is running (tests). */
export const runningJobs = () => holder.engine?.snapshot() ?? [];
