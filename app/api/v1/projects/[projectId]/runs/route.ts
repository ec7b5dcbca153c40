import { NextResponse } from "next/server";
import { requireUser } from "@/lib/auth/session";
import { withErrors } from "@/lib/http";
import { getBudget, listRuns } from "@/lib/runs/queries";

export const GET = withErrors(async (_req: Request, ctx: { params: Promise<{ projectId: string }> }) => {
  const user = await requireUser();
  const { projectId } = await ctx.params;
  const [runs, budget] = await Promise.all([listRuns(user.id, projectId), getBudget(user.id, projectId)]);
  return NextResponse.json({ runs, budget });
});
