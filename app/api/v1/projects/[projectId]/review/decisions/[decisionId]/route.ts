// Edits one of my decisions: { value, version }. A stale version answers 409 with the current
// value and version, so a second tab never silently overwrites the first.
import { NextResponse } from "next/server";
import { requireUser } from "@/lib/auth/session";
import { withErrors } from "@/lib/http";
import { editDecision } from "@/lib/reviews/change-decision";

export const PATCH = withErrors(async (req: Request, ctx: { params: Promise<{ projectId: string; decisionId: string }> }) => {
  const user = await requireUser();
  const { projectId, decisionId } = await ctx.params;
  const decision = await editDecision({ userId: user.id, projectId, decisionId, input: await req.json().catch(() => null) });
  return NextResponse.json({ decision });
});
