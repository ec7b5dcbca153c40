// Records a decision (resubmitting the same client id returns the recorded one) with the
// counters as they stand after it; lists the caller's latest decisions.
import { NextResponse } from "next/server";
import { projectRoute } from "@/lib/auth/route";
import { decisionInputSchema } from "@/lib/reviews/schemas";
import { submitDecision } from "@/lib/reviews/submit-decision";
import { progressAfterDecision, recentDecisions } from "@/lib/reviews/queries";
import { decisionCreatedResponse, ownDecisionsResponse } from "@/lib/api/responses";

export const GET = projectRoute(
  {
    description: "The caller's 20 latest decisions in the project, newest first, each with its item's id and first characters.",
    response: ownDecisionsResponse,
    role: "ANNOTATOR",
    scope: "read",
  },
  async ({ access }) => NextResponse.json({ decisions: await recentDecisions(access) }),
);

export const POST = projectRoute(
  {
    response: decisionCreatedResponse,
    description: "Records a decision on an item leased to the caller: a value (accept, correct, label) or a skip. Idempotent by the client-made id.",
    successStatus: 201,
    role: "ANNOTATOR",
    scope: "review",
    writes: true,
    body: decisionInputSchema,
  },
  async ({ access, body }) => {
    const decision = await submitDecision(access, body);
    return NextResponse.json({ decision, progress: await progressAfterDecision(access, body.itemId) }, { status: 201 });
  },
);
