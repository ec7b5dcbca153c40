// Sends one delivery again, with a fresh set of attempts.
import { NextResponse } from "next/server";
import { idParam, projectRoute } from "@/lib/auth/route";
import { redeliverWebhook } from "@/lib/webhooks/hooks";
import { webhookParams } from "../../../params";
import { okResponse } from "@/lib/api/responses";

export const POST = projectRoute(
  {
    response: okResponse,
    description:
      "Sends a delivery that succeeded or failed again (same webhook-id, so receivers can de-duplicate), with a fresh set of attempts; its earlier attempts stay in the log. Refused (409) while it is still being tried.",
    successStatus: 202,
    role: "LEAD",
    scope: "lead",
    writes: true,
    params: webhookParams.extend({ deliveryId: idParam }),
  },
  async ({ access, params: p }) => {
    await redeliverWebhook(access, p.webhookId, p.deliveryId);
    return NextResponse.json({ ok: true }, { status: 202 });
  },
);
