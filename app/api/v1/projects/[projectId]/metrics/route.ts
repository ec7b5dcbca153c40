// The metrics page's figures as JSON (leads): ?version=<prompt version id>, default the newest with suggestions.
import { NextResponse } from "next/server";
import { requireUser } from "@/lib/auth/session";
import { withErrors } from "@/lib/http";
import { projectMetrics } from "@/lib/metrics/queries";

export const GET = withErrors(async (req: Request, ctx: { params: Promise<{ projectId: string }> }) => {
  const user = await requireUser();
  const { projectId } = await ctx.params;
  const version = new URL(req.url).searchParams.get("version") ?? undefined;
  return NextResponse.json(await projectMetrics(user.id, projectId, version));
});
