import { NextResponse } from "next/server";
import { z } from "zod";
import { idParam, projectRoute } from "@/lib/auth/route";
import { getImport } from "@/lib/imports/queries";
import { importResponse } from "@/lib/api/responses";

export const GET = projectRoute(
  {
    response: importResponse,
    description: "One import: status, progress, rows added, already present and rejected.",
    role: "LEAD",
    scope: "read",
    params: z.object({ importId: idParam }),
  },
  async ({ access, params }) => NextResponse.json({ import: await getImport(access, params.importId) }),
);
