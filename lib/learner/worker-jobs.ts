// How the worker trains task learners: trainings asked for, and retraining where gold has grown.
import { defineJob } from "@/lib/jobs/define";
import { learnerQueue, retrainQueue } from "@/lib/learner/job-queues";
import { runLearnerTraining } from "@/lib/learner/run-training";
import { retrainWhereDue } from "@/lib/learner/service";
import { log } from "@/lib/observability/log";

export const learnerJob = defineJob({
  queue: learnerQueue,
  deadlineMs: 2 * 3600_000,
  handle: async ({ trainingId }) => {
    const result = await runLearnerTraining(trainingId);
    if (result === "not-claimed") log.info(`[learner ${trainingId}] already running elsewhere or finished`);
  },
});

export const retrainJob = defineJob({
  queue: retrainQueue,
  deadlineMs: 5 * 60_000,
  pool: 1,
  every: { ms: 60_000 },
  handle: async () => {
    await retrainWhereDue();
  },
});
