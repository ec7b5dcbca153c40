// Records a decision; resubmitting the same client id returns the recorded one.
import { NextResponse } from "next/server";
import { projectRoute } from "@/lib/auth/route";
import { decisionInputSchema } from "@/lib/reviews/schemas";
import { submitDecision } from "@/lib/reviews/submit-decision";

export const POST = projectRoute(
  {
    description: "Records a decision on an item leased to the caller: a value (accept, correct, label) or a skip. Idempotent by the client-made id.",
    role: "ANNOTATOR",
    scope: "review",
    writes: true,
    body: decisionInputSchema,
  },
  async ({ access, body }) => NextResponse.json({ decision: await submitDecision(access, body) }, { status: 201 }),
);
