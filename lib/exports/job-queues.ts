// The export queue: a job only names its Export row, which holds the state and the lease.
import { z } from "zod";
import { defineQueue } from "@/lib/jobs/define";

export const exportQueue = defineQueue({
  name: "export",
  payload: z.object({ exportId: z.string(), projectId: z.string() }),
  send: { retryLimit: 2, retryDelay: 10, expireInHours: 6 },
});
