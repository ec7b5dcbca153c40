import { NextResponse } from "next/server";
import { requireUser } from "@/lib/auth/session";
import { withErrors } from "@/lib/http";
import { listImports } from "@/lib/imports/queries";

export const GET = withErrors(async (_req: Request, ctx: { params: Promise<{ projectId: string }> }) => {
  const user = await requireUser();
  const { projectId } = await ctx.params;
  return NextResponse.json({ imports: await listImports(user.id, projectId) });
});
