import { NextResponse } from "next/server";
import { requireUser } from "@/lib/auth/session";
import { withErrors } from "@/lib/http";
import { getImport } from "@/lib/imports/queries";

export const GET = withErrors(async (_req: Request, ctx: { params: Promise<{ projectId: string; importId: string }> }) => {
  const user = await requireUser();
  const { projectId, importId } = await ctx.params;
  return NextResponse.json({ import: await getImport(user.id, projectId, importId) });
});
