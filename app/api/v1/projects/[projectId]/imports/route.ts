import { NextResponse } from "next/server";
import { projectRoute } from "@/lib/auth/route";
import { listImports } from "@/lib/imports/queries";
import { importListResponse } from "@/lib/api/responses";

export const GET = projectRoute(
  { description: "The project's latest imports with their progress and row counts.", response: importListResponse, role: "LEAD", scope: "read" },
  async ({ access }) => NextResponse.json({ imports: await listImports(access) }),
);
