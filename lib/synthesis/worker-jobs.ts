// How the worker runs synthesis: a job generates under its row's lease; while a batch is open at
// the API it asks to be polled later, without holding a slot meanwhile.
import { defineJob, enqueue, type JobResult } from "@/lib/jobs/define";
import { requeueLapsed } from "@/lib/jobs/sweep";
import { synthesisQueue } from "@/lib/synthesis/job-queues";
import { runSynthesisJob, SYNTHESIS_LEASE_SECONDS } from "@/lib/synthesis/run-job";
import { log } from "@/lib/observability/log";

export const synthesisJob = defineJob({
  queue: synthesisQueue,
  deadlineMs: 2 * 3600_000,
  handle: async ({ jobId }): Promise<JobResult> => {
    const result = await runSynthesisJob(jobId);
    if (result === "not-claimed") log.info(`[synthesis ${jobId}] already running elsewhere or finished`);
    return typeof result === "object" ? { again: { afterMs: result.wait } } : undefined;
  },
  recover: () =>
    requeueLapsed("SynthesisJob", synthesisQueue.name, "jobId", SYNTHESIS_LEASE_SECONDS, (r) =>
      enqueue(synthesisQueue, { jobId: r.id, projectId: r.projectId }),
    ),
});
