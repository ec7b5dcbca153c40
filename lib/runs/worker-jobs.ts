// How the worker runs pre-labeling: one step per job; a step that waits (a batch at the API)
// asks for its next step later instead of holding a slot.
import { defineJob, enqueue, type JobResult } from "@/lib/jobs/define";
import { lostJobRows, requeueLapsed } from "@/lib/jobs/sweep";
import { cancelBatches } from "@/lib/runs/cancel-batches";
import { runQueue } from "@/lib/runs/job-queues";
import { RUN_LEASE_SECONDS, runStep } from "@/lib/runs/run-step";
import { uncancelledBatchRuns } from "@/lib/runs/sql";

export const runJob = defineJob({
  queue: runQueue,
  deadlineMs: 30 * 60_000,
  handle: async ({ runId, action }): Promise<JobResult> => {
    const next = action === "cancel-batches" ? await cancelBatches(runId) : await runStep(runId);
    return next !== null && typeof next === "object" ? { again: { afterMs: next.waitMs } } : undefined;
  },
  recover: async () => {
    const lapsed = await requeueLapsed("Run", runQueue.name, "runId", RUN_LEASE_SECONDS, (r) => enqueue(runQueue, { runId: r.id, projectId: r.projectId }));
    // Cancelled batch runs whose batches are still open at the API and that no job is stopping.
    const cancelling = await lostJobRows(uncancelledBatchRuns(runQueue.name));
    for (const r of cancelling) await enqueue(runQueue, { runId: r.id, projectId: r.projectId, action: "cancel-batches" });
    return lapsed + cancelling.length;
  },
});
