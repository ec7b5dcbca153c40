// One step of a run, what one job does: claim the run's lease, and either work a slice of a
// direct run or take a batch-mode run one poll further. Between steps the run stays RUNNING
// without a runner; its next job (queued by the engine, after the wait the step asked for) claims
// it again. A stalled worker's run is claimed again once its heartbeat is older than the lease.
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { Lease } from "@/lib/jobs/lease";
import { batchStep } from "@/lib/runs/batch-run";
import { directSlice, finishRun, type RunFaults, type StepOutcome } from "@/lib/runs/direct-run";
import { preparePrompt } from "@/lib/prompts/context";
import { dropAlreadyLabeled } from "@/lib/runs/sql";
import { toLlmError } from "@/lib/llm/client";
import { cascadeRun } from "@/lib/runs/cascade";
import { log } from "@/lib/observability/log";

export const RUN_LEASE_SECONDS = 60;

export type StepResult = StepOutcome | "not-claimed";

export async function runStep(runId: string, opts: { sliceMs?: number; faults?: RunFaults } = {}): Promise<StepResult> {
  const lease = await Lease.claim("Run", runId, RUN_LEASE_SECONDS);
  if (!lease) return "not-claimed";
  lease.keepAlive();
  try {
    const db = await getDb();
    const run = await db.run.findUniqueOrThrow({ where: { id: runId }, include: { promptVersion: true } });
    // Resumed after another run of the same version labeled some of its items: those are not billed again.
    await db.$executeRaw(dropAlreadyLabeled(runId, run.promptVersionId));
    // Before the first request: the task learner answers what it is certified on (when the project asks for it).
    if (!run.cascadeChecked) await cascadeRun(runId);
    let prompt;
    try {
      prompt = await preparePrompt(run.projectId, run.promptVersion);
    } catch (err) {
      log.error(`[run ${runId}]`, { err });
      return await finishRun(lease, "STOPPED", `The run could not prepare its prompt: ${(err as Error).message}`);
    }
    const runRef = { runId, projectId: run.projectId, promptVersionId: run.promptVersionId, modelId: prompt.ctx.modelId };
    if (run.mode === "DIRECT")
      return await directSlice(lease, runRef, run.concurrency, prompt, { sliceMs: opts.sliceMs ?? env().jobs.runSliceSeconds * 1000, faults: opts.faults });
    try {
      return await batchStep(lease, runRef, prompt);
    } catch (err) {
      log.error(`[run ${runId}]`, { err });
      return await finishRun(lease, "STOPPED", `The batch run stopped: ${toLlmError(err).message}`);
    }
  } finally {
    lease.stop();
  }
}
