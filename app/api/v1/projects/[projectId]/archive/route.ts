// Archiving a project (read-only, out of the project list) or restoring it.
import { NextResponse } from "next/server";
import { z } from "zod";
import { projectRoute } from "@/lib/auth/route";
import { setProjectArchived } from "@/lib/projects/update-project";
import { archivedResponse } from "@/lib/api/responses";

export const POST = projectRoute(
  {
    response: archivedResponse,
    description: "Archives the project ({ archived: true }: read-only, hidden from the project list) or restores it ({ archived: false }).",
    role: "LEAD",
    scope: "lead",
    body: z.object({ archived: z.boolean() }),
  },
  async ({ access, body }) => {
    await setProjectArchived(access, body.archived);
    return NextResponse.json({ archived: body.archived });
  },
);
