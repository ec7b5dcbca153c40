// How the worker runs imports: one job reads a whole file under its row's lease.
import { defineJob, enqueue } from "@/lib/jobs/define";
import { requeueLapsed } from "@/lib/jobs/sweep";
import { importQueue } from "@/lib/imports/job-queues";
import { IMPORT_LEASE_SECONDS, runImport } from "@/lib/imports/run-import";
import { log } from "@/lib/observability/log";

export const importJob = defineJob({
  queue: importQueue,
  deadlineMs: 6 * 3600_000,
  handle: async ({ importId }) => {
    const result = await runImport(importId);
    if (result === "not-claimed") log.info(`[import ${importId}] already running elsewhere or finished`);
  },
  recover: () =>
    requeueLapsed("Import", importQueue.name, "importId", IMPORT_LEASE_SECONDS, (r) => enqueue(importQueue, { importId: r.id, projectId: r.projectId })),
});
