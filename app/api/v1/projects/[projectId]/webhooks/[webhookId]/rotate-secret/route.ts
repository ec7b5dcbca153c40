// A new signing secret, shown once; the old one keeps signing beside it for a day.
import { NextResponse } from "next/server";
import { projectRoute } from "@/lib/auth/route";
import { rotateWebhookSecret } from "@/lib/webhooks/hooks";
import { webhookParams as params } from "../params";
import { webhookRotatedResponse } from "@/lib/api/responses";

export const POST = projectRoute(
  {
    response: webhookRotatedResponse,
    description:
      "Makes a new signing secret and returns it (the only time it is shown). Until previousSecretUntil (24 h) every delivery carries two signatures in webhook-signature, by the new and the old secret, so the receiver can switch without dropping one. Refused (409) while an earlier rotation's overlap is open.",
    role: "LEAD",
    scope: "lead",
    writes: true,
    params,
  },
  async ({ access, params: p }) => NextResponse.json(await rotateWebhookSecret(access, p.webhookId)),
);
