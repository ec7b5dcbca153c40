// The events a webhook can subscribe to. Each is written to the outbox by a database trigger in the
// transaction that made the change (migration 20261130170000_webhooks), so none is lost or sent
// for a change that rolled back. `ping` is only sent by "Send a test".
export const WEBHOOK_EVENTS = {
  "run.finished": "A pre-labeling run ended: done, stopped (budget, spend limit or API error) or cancelled.",
  "export.ready": "An export's file is ready to download.",
  "autoaccept.paused": "The auto-accept audit (or a lead) paused auto-accept.",
  "item.gold_changed": "An item's gold was set, changed or removed by people (reviews, rulings, corrections; not auto-accept or imports).",
} as const;

export type WebhookEvent = keyof typeof WEBHOOK_EVENTS;
export const WEBHOOK_EVENT_NAMES = Object.keys(WEBHOOK_EVENTS) as [WebhookEvent, ...WebhookEvent[]];
export const PING_EVENT = "ping";
