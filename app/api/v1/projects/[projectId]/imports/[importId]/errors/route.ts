// Bad rows of an import, in line order: ?afterLine=N for the next page.
import { NextResponse } from "next/server";
import { z } from "zod";
import { idParam, projectRoute } from "@/lib/auth/route";
import { listImportErrors } from "@/lib/imports/queries";
import { lineCursor } from "@/lib/validation";
import { importErrorsResponse } from "@/lib/api/responses";

export const GET = projectRoute(
  {
    response: importErrorsResponse,
    description: "The rejected rows of an import with line, field and reason, 100 at a time (?afterLine= for the next page).",
    role: "LEAD",
    scope: "read",
    params: z.object({ importId: idParam }),
    query: z.object({ afterLine: lineCursor.optional() }),
  },
  async ({ access, params, query }) =>
    NextResponse.json({ errors: await listImportErrors(access, params.importId, { afterLine: query.afterLine, take: 100 }) }),
);
