// How the worker moves proposed prompts along: settling a round's test once its runs are done,
// marking the items to review first, and advancing a loop one step per job.
import { defineJob, type JobResult } from "@/lib/jobs/define";
import { settleAcquisition } from "@/lib/alignment/acquire";
import { evaluateRound } from "@/lib/alignment/evaluate";
import { alignmentQueue } from "@/lib/alignment/job-queues";
import { advanceLoop } from "@/lib/alignment/loop";

/** How often a proposed version's test looks whether its runs have finished. */
const POLL_MS = 3_000;

export const alignmentJob = defineJob({
  queue: alignmentQueue,
  deadlineMs: 5 * 60_000,
  handle: async ({ projectId, roundId, loopId, acquire }): Promise<JobResult> => {
    const state = loopId
      ? await advanceLoop(projectId, loopId)
      : !roundId
        ? "done"
        : acquire
          ? await settleAcquisition(projectId, roundId)
          : await evaluateRound(projectId, roundId);
    return state === "done" ? undefined : { again: { afterMs: POLL_MS } };
  },
});
