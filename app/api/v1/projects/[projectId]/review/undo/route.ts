// Undoes my last decision in the project and returns that item to review again.
import { NextResponse } from "next/server";
import { requireUser } from "@/lib/auth/session";
import { withErrors } from "@/lib/http";
import { undoLastDecision } from "@/lib/reviews/change-decision";

export const POST = withErrors(async (_req: Request, ctx: { params: Promise<{ projectId: string }> }) => {
  const user = await requireUser();
  const { projectId } = await ctx.params;
  return NextResponse.json({ task: await undoLastDecision({ userId: user.id, projectId }) });
});
