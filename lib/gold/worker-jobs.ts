// How the worker keeps auto-accept's promise: checking the audit (which may pause it, or resume
// it and accept what waited), and running applies window by window.
import { defineJob, enqueue } from "@/lib/jobs/define";
import { requeueLapsed } from "@/lib/jobs/sweep";
import { APPLY_LEASE_SECONDS, requestApply, runApply } from "@/lib/gold/apply-job";
import { checkAudit } from "@/lib/gold/auto-accept";
import { applyQueue, auditQueue } from "@/lib/gold/job-queues";
import { log } from "@/lib/observability/log";

export const auditJob = defineJob({
  queue: auditQueue,
  deadlineMs: 5 * 60_000,
  handle: async ({ projectId }) => {
    const { paused, resumed } = await checkAudit(projectId);
    if (paused) log.info(`[auto-accept ${projectId}] paused by the audit: ${paused}`);
    // Resumed: accept what waited while it was paused.
    if (resumed) await requestApply(projectId, null, "audit");
  },
});

export const applyJob = defineJob({
  queue: applyQueue,
  deadlineMs: 3600_000,
  handle: async ({ applyId }) => {
    const result = await runApply(applyId);
    if (result !== "done")
      log.info(`[auto-accept apply ${applyId}] ${result === "lost" ? "superseded or taken over" : "already running elsewhere or finished"}`);
  },
  recover: () =>
    requeueLapsed("AutoAcceptApply", applyQueue.name, "applyId", APPLY_LEASE_SECONDS, (r) => enqueue(applyQueue, { applyId: r.id, projectId: r.projectId })),
});
