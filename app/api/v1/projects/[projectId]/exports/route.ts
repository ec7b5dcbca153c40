// Exports of a project (leads): GET lists them with progress; POST starts one (ExportOptions).
import { NextResponse } from "next/server";
import { requireUser } from "@/lib/auth/session";
import { withErrors } from "@/lib/http";
import { createExport, listExports } from "@/lib/exports/exports";

type Ctx = { params: Promise<{ projectId: string }> };

export const GET = withErrors(async (_req: Request, ctx: Ctx) => {
  const user = await requireUser();
  const { projectId } = await ctx.params;
  return NextResponse.json({ exports: await listExports(user.id, projectId) });
});

export const POST = withErrors(async (req: Request, ctx: Ctx) => {
  const user = await requireUser();
  const { projectId } = await ctx.params;
  const created = await createExport(user.id, projectId, await req.json().catch(() => null));
  return NextResponse.json({ export: { id: created.id, status: created.status, format: created.format } }, { status: 202 });
});
