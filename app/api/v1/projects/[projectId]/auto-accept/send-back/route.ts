// Every label accepted automatically goes back to the review queue.
import { NextResponse } from "next/server";
import { projectRoute } from "@/lib/auth/route";
import { sendBackToReview } from "@/lib/gold/auto-accept";
import { sentBackResponse } from "@/lib/api/responses";

export const POST = projectRoute(
  {
    response: sentBackResponse,
    description: "Removes every AUTO label (accepted without a person) and puts those items back in the review queue; people's gold is untouched.",
    role: "LEAD",
    scope: "lead",
    writes: true,
  },
  async ({ access }) => NextResponse.json({ items: await sendBackToReview(access) }),
);
