// One webhook: its delivery log, changing its URL, events or pausing it, and deleting it.
import { NextResponse } from "next/server";
import { projectRoute } from "@/lib/auth/route";
import { deleteWebhook, getWebhook, updateWebhook, updateWebhookSchema } from "@/lib/webhooks/hooks";
import { webhookParams as params } from "./params";
import { webhookDeletedResponse, webhookResponse, webhookWithDeliveriesResponse } from "@/lib/api/responses";

export const GET = projectRoute(
  {
    response: webhookWithDeliveriesResponse,
    description: "A webhook with its last 50 deliveries: event, status (PENDING, SUCCEEDED, FAILED), and each attempt's time, status code or error.",
    role: "LEAD",
    scope: "read",
    params,
  },
  async ({ access, params: p }) => NextResponse.json({ webhook: await getWebhook(access, p.webhookId) }),
);

export const PATCH = projectRoute(
  {
    response: webhookResponse,
    description: "Changes a webhook: { url?, events?, active? } (active: false pauses it; events then wait in no outbox).",
    role: "LEAD",
    scope: "lead",
    writes: true,
    params,
    body: updateWebhookSchema,
  },
  async ({ access, params: p, body }) => NextResponse.json({ webhook: await updateWebhook(access, p.webhookId, body) }),
);

export const DELETE = projectRoute(
  { response: webhookDeletedResponse, description: "Deletes a webhook and its delivery log.", role: "LEAD", scope: "lead", writes: true, params },
  async ({ access, params: p }) => {
    await deleteWebhook(access, p.webhookId);
    return NextResponse.json({ deleted: p.webhookId });
  },
);
