// One project: read it (any member), change its name, guidelines and labels (leads).
import { NextResponse } from "next/server";
import { projectRoute } from "@/lib/auth/route";
import { getProject } from "@/lib/projects/queries";
import { projectUpdateSchema } from "@/lib/projects/schemas";
import { updateProject } from "@/lib/projects/update-project";
import { projectResponse } from "@/lib/api/responses";

export const GET = projectRoute(
  { description: "The project: name, description, task type, guidelines, its labels (retired ones apart), review and auto-accept settings, and your role.", response: projectResponse, role: "ANNOTATOR", scope: "read" },
  async ({ access }) => NextResponse.json({ ...(await getProject(access)), role: access.role }),
);

export const PATCH = projectRoute(
  {
    response: projectResponse,
    description:
      "Changes the project's name, description, guidelines and labels (the whole list, in order). A label renamed keeps its values; one left out must be listed in removedLabels, merged into another or retired.",
    role: "LEAD",
    scope: "lead",
    writes: true,
    body: projectUpdateSchema,
  },
  async ({ access, body }) => {
    await updateProject(access, body);
    return NextResponse.json(await getProject(access));
  },
);
