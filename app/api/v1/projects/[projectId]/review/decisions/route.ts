// Records a decision; resubmitting the same client id returns the recorded one.
import { NextResponse } from "next/server";
import { requireUser } from "@/lib/auth/session";
import { withErrors } from "@/lib/http";
import { submitDecision } from "@/lib/reviews/submit-decision";

export const POST = withErrors(async (req: Request, ctx: { params: Promise<{ projectId: string }> }) => {
  const user = await requireUser();
  const { projectId } = await ctx.params;
  const decision = await submitDecision({ userId: user.id, projectId, input: await req.json().catch(() => null) });
  return NextResponse.json({ decision }, { status: 201 });
});
