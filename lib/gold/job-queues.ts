// Auto-accept's queues: the audit check after people decide on audited items (one check waits
// per project, however many asked), and an apply, which claims its AutoAcceptApply row.
import { z } from "zod";
import { defineQueue } from "@/lib/jobs/define";

export const auditQueue = defineQueue({
  name: "autoaccept-audit",
  payload: z.object({ projectId: z.string() }),
  send: { retryLimit: 3, retryDelay: 5, expireInMinutes: 10 },
  policy: "short",
});

/** A retry after a crash resumes after the apply's last committed window. */
export const applyQueue = defineQueue({
  name: "autoaccept-apply",
  payload: z.object({ applyId: z.string(), projectId: z.string() }),
  send: { retryLimit: 3, retryDelay: 70, expireInHours: 1 },
});
