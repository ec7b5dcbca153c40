// The learner's queue: a training claims its row once; a retry finds it taken and ends (a lead starts another).
import { z } from "zod";
import { defineQueue, noPayload } from "@/lib/jobs/define";

export const learnerQueue = defineQueue({
  name: "learner-train",
  payload: z.object({ trainingId: z.string(), projectId: z.string() }),
  send: { retryLimit: 1, retryDelay: 10, expireInHours: 2 },
});

/** Once a minute: projects whose gold has grown enough since their last training train again. */
export const retrainQueue = defineQueue({
  name: "learner-retrain-due",
  payload: noPayload,
  send: { retryLimit: 1, retryDelay: 30, expireInMinutes: 10 },
  policy: "short",
});
