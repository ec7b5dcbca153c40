// Sending jobs. Every job can be sent again safely: the handlers are idempotent, and a
// singletonKey keeps at most one waiting job per import.
import { getBoss, QUEUES } from "@/lib/jobs/boss";

export async function enqueueImport(importId: string): Promise<void> {
  const boss = await getBoss();
  await boss.send(QUEUES.import, { importId }, { singletonKey: importId, retryLimit: 3, retryDelay: 10, retryBackoff: true, expireInHours: 6 });
}

export async function enqueueRun(runId: string): Promise<void> {
  const boss = await getBoss();
  // A run can take hours; its own lease and item leases make a retried job safe.
  await boss.send(QUEUES.prelabel, { runId }, { singletonKey: runId, retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInHours: 23 });
}

export async function enqueueExport(exportId: string): Promise<void> {
  const boss = await getBoss();
  // A retried export starts over from an empty temporary file.
  await boss.send(QUEUES.export, { exportId }, { singletonKey: exportId, retryLimit: 2, retryDelay: 10, expireInHours: 6 });
}
