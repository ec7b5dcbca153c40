// Sending jobs. Every job can be sent again safely: the handlers are idempotent, and a
// singletonKey keeps at most one waiting job per import.
import { getBoss, QUEUES } from "@/lib/jobs/boss";

export async function enqueueImport(importId: string): Promise<void> {
  const boss = await getBoss();
  await boss.send(QUEUES.import, { importId }, { singletonKey: importId, retryLimit: 3, retryDelay: 10, retryBackoff: true, expireInHours: 6 });
}
