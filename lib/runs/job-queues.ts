// The pre-labeling queue. A job is one step of a run (a slice of a direct run, one batch poll, or
// stopping a cancelled run's batches): minutes at most; the Run row holds the state and lease.
import { z } from "zod";
import { defineQueue } from "@/lib/jobs/define";

export const runQueue = defineQueue({
  name: "prelabel-run",
  payload: z.object({ runId: z.string(), projectId: z.string(), action: z.enum(["step", "cancel-batches"]).optional() }),
  send: { retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInMinutes: 30 },
});
export type RunJob = z.infer<typeof runQueue.payload>;
