// Exports of a project (leads): GET lists them with progress; POST starts one (ExportOptions).
import { NextResponse } from "next/server";
import { projectRoute } from "@/lib/auth/route";
import { createExport, listExports } from "@/lib/exports/exports";
import { exportOptionsSchema } from "@/lib/exports/options";
import { exportListResponse, exportStartedResponse } from "@/lib/api/responses";

export const GET = projectRoute(
  { description: "The project's exports, newest first, with status, progress, size and sha256.", response: exportListResponse, role: "LEAD", scope: "read" },
  async ({ access }) => NextResponse.json({ exports: await listExports(access) }),
);

export const POST = projectRoute(
  {
    description: "Starts an export (format, scope, blind slice, split, prompt version); it runs in the background.",
    successStatus: 202,
    response: exportStartedResponse,
    role: "LEAD",
    scope: "lead",
    body: exportOptionsSchema,
  },
  async ({ access, body }) => {
    const created = await createExport(access, body);
    return NextResponse.json({ export: { id: created.id, status: created.status, format: created.format } }, { status: 202 });
  },
);
