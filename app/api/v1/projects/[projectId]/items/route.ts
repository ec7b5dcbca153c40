// GET: a page of items (keyset: ?after=<id>). POST: import a file; the raw body is the file
// (streamed to disk, never buffered), and ?fileName=&format=&textField=&idField= describe it.
import { NextResponse, type NextRequest } from "next/server";
import { requireUser } from "@/lib/auth/session";
import { withErrors } from "@/lib/http";
import { itemListQuerySchema, listItems } from "@/lib/items/queries";
import { createImport } from "@/lib/imports/create-import";

type Ctx = { params: Promise<{ projectId: string }> };

export const GET = withErrors(async (req: NextRequest, ctx: Ctx) => {
  const user = await requireUser();
  const { projectId } = await ctx.params;
  const query = itemListQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return NextResponse.json(await listItems(user.id, projectId, query));
});

export const POST = withErrors(async (req: NextRequest, ctx: Ctx) => {
  const user = await requireUser();
  const { projectId } = await ctx.params;
  const sp = req.nextUrl.searchParams;
  const declared = Number(req.headers.get("content-length") ?? "");
  const imp = await createImport({
    userId: user.id,
    projectId,
    body: req.body,
    declaredBytes: Number.isFinite(declared) && declared > 0 ? declared : undefined,
    meta: {
      fileName: sp.get("fileName") ?? undefined,
      format: sp.get("format")?.toUpperCase() ?? undefined,
      textField: sp.get("textField") ?? undefined,
      idField: sp.get("idField") ?? undefined,
    },
  });
  return NextResponse.json(
    { import: imp, statusUrl: `/api/v1/projects/${projectId}/imports/${imp.id}` },
    { status: 202, headers: { Location: `/api/v1/projects/${projectId}/imports/${imp.id}` } },
  );
});
