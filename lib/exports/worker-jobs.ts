// How the worker writes exports: one job writes one file under its row's lease; the last attempt
// marks the export failed instead of leaving it queued.
import { defineJob, enqueue } from "@/lib/jobs/define";
import { requeueLapsed } from "@/lib/jobs/sweep";
import { exportQueue } from "@/lib/exports/job-queues";
import { EXPORT_LEASE_SECONDS, runExport } from "@/lib/exports/run-export";

export const exportJob = defineJob({
  queue: exportQueue,
  deadlineMs: 6 * 3600_000,
  handle: async ({ exportId }, meta) => {
    await runExport(exportId, { final: meta.final });
  },
  recover: () =>
    requeueLapsed("Export", exportQueue.name, "exportId", EXPORT_LEASE_SECONDS, (r) => enqueue(exportQueue, { exportId: r.id, projectId: r.projectId })),
});
