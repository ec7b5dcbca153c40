// The import's background queue: a job only names its Import row, which holds the state and the lease.
import { z } from "zod";
import { defineQueue } from "@/lib/jobs/define";

export const importQueue = defineQueue({
  name: "import",
  payload: z.object({ importId: z.string(), projectId: z.string() }),
  send: { retryLimit: 3, retryDelay: 10, retryBackoff: true, expireInHours: 6 },
});
