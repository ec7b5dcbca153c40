// Sends a test delivery.
import { NextResponse } from "next/server";
import { projectRoute } from "@/lib/auth/route";
import { pingWebhook } from "@/lib/webhooks/hooks";
import { webhookParams as params } from "../params";
import { webhookPingResponse } from "@/lib/api/responses";

export const POST = projectRoute(
  {
    response: webhookPingResponse,
    description: "Queues a signed `ping` delivery to the webhook, sent by the worker like any event; its result appears in the delivery log.",
    successStatus: 202,
    role: "LEAD",
    scope: "lead",
    writes: true,
    params,
  },
  async ({ access, params: p }) => NextResponse.json({ delivery: await pingWebhook(access, p.webhookId) }, { status: 202 }),
);
