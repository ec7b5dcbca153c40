// The synthesis queue: a job claims its SynthesisJob row; a retry after a crash takes it over once the lease has run out.
import { z } from "zod";
import { defineQueue } from "@/lib/jobs/define";

export const synthesisQueue = defineQueue({
  name: "synthesis",
  payload: z.object({ jobId: z.string(), projectId: z.string() }),
  send: { retryLimit: 3, retryDelay: 150, expireInHours: 6 },
});
