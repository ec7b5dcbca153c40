// The project's webhooks (leads): signed POSTs for run.finished, export.ready, autoaccept.paused
// and item.gold_changed. docs/webhooks.md shows a receiver checking the signature.
import { NextResponse } from "next/server";
import { projectRoute } from "@/lib/auth/route";
import { createWebhook, createWebhookSchema, listWebhooks } from "@/lib/webhooks/hooks";
import { webhookCreatedResponse, webhookListResponse } from "@/lib/api/responses";

export const GET = projectRoute(
  {
    description: "The project's webhooks with their last 10 deliveries (status, attempts with status codes or errors). Secrets are never listed.",
    response: webhookListResponse,
    role: "LEAD",
    scope: "read",
  },
  async ({ access }) => NextResponse.json({ webhooks: await listWebhooks(access) }),
);

export const POST = projectRoute(
  {
    description:
      "Creates a webhook: { url, events }. Only http(s) URLs on public addresses (loopback, link-local and private ones are refused unless the instance allows them). The answer carries the signing secret, shown only this once.",
    successStatus: 201,
    response: webhookCreatedResponse,
    role: "LEAD",
    scope: "lead",
    writes: true,
    body: createWebhookSchema,
  },
  async ({ access, body }) => NextResponse.json({ webhook: await createWebhook(access, body) }, { status: 201 }),
);
