// Runs a run to its end in this process, step after step, waiting between batch polls as the
// engine would: for tests, benchmarks and scripts (in lib/testing: no product code loops on a
// timer; the app runs steps as jobs, lib/runs/worker-jobs.ts).
import { getDb } from "@/lib/db";
import { runStep } from "@/lib/runs/run-step";
import type { RunFaults } from "@/lib/runs/direct-run";

export { SimulatedRunCrash } from "@/lib/runs/direct-run";

export type RunResult = "done" | "stopped" | "paused" | "cancelled" | "not-claimed" | "lost";

export async function processRun(runId: string, faults: RunFaults = {}, opts: { sliceMs?: number } = {}): Promise<RunResult> {
  for (let steps = 0; ; steps++) {
    const result = await runStep(runId, { faults, sliceMs: opts.sliceMs ?? 24 * 3600 * 1000 });
    if (result === "not-claimed" && steps > 0) return statusBetweenSteps(runId);
    if (typeof result === "string") return result;
    await new Promise((r) => setTimeout(r, result.waitMs));
  }
}

/** Between two steps the run was paused, cancelled or finished by someone else, or another worker has it. */
async function statusBetweenSteps(runId: string): Promise<RunResult> {
  const db = await getDb();
  const { status } = await db.run.findUniqueOrThrow({ where: { id: runId }, select: { status: true } });
  const results: Partial<Record<typeof status, RunResult>> = { PAUSED: "paused", CANCELLED: "cancelled", DONE: "done", STOPPED: "stopped" };
  return results[status] ?? "lost";
}
