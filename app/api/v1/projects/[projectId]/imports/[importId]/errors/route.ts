// Bad rows of an import, in line order: ?afterLine=N for the next page.
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { withErrors } from "@/lib/http";
import { listImportErrors } from "@/lib/imports/queries";

const query = z.object({ afterLine: z.coerce.number().int().min(-1).optional().catch(undefined) });

export const GET = withErrors(async (req: NextRequest, ctx: { params: Promise<{ projectId: string; importId: string }> }) => {
  const user = await requireUser();
  const { projectId, importId } = await ctx.params;
  const { afterLine } = query.parse(Object.fromEntries(req.nextUrl.searchParams));
  return NextResponse.json({ errors: await listImportErrors(user.id, projectId, importId, { afterLine, take: 100 }) });
});
