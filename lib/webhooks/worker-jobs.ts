// How the worker sends webhooks. Receivers are strangers: deliveries run in two slots of their own
// and never take the shared ones; one job sends a project's due deliveries for at most two minutes.
// Every five seconds a poll (in a slot of its own, so it never waits behind a slow receiver)
// wakes the delivery job of each project with deliveries due.
import { defineJob, enqueue } from "@/lib/jobs/define";
import { deliverDue, projectsWithDueDeliveries } from "@/lib/webhooks/deliver";
import { webhookPollQueue, webhookQueue } from "@/lib/webhooks/job-queues";

export const webhookJob = defineJob({
  queue: webhookQueue,
  deadlineMs: 2 * 60_000,
  pool: 2,
  handle: async ({ projectId }, meta) => {
    await deliverDue(projectId, meta.signal);
  },
});

export const webhookPollJob = defineJob({
  queue: webhookPollQueue,
  deadlineMs: 60_000,
  pool: 1,
  every: { ms: 5_000 },
  handle: async () => {
    for (const projectId of await projectsWithDueDeliveries()) await enqueue(webhookQueue, { projectId });
  },
});
