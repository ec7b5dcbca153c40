// Webhook queues: sending a project's due deliveries (one job waits per project, however many
// asked; each delivery keeps its own retries and backoff), and looking for projects with
// deliveries due (the outbox is filled by triggers, which cannot send jobs).
import { z } from "zod";
import { defineQueue, noPayload } from "@/lib/jobs/define";

export const webhookQueue = defineQueue({
  name: "webhook-deliver",
  payload: z.object({ projectId: z.string() }),
  send: { retryLimit: 2, retryDelay: 5, expireInMinutes: 15 },
  policy: "short",
});

export const webhookPollQueue = defineQueue({
  name: "webhook-poll",
  payload: noPayload,
  send: { retryLimit: 2, retryDelay: 5, expireInMinutes: 5 },
  policy: "short",
});
