// One project: read it (any member), change its name, guidelines and labels (leads).
import { NextResponse } from "next/server";
import { projectRoute } from "@/lib/auth/route";
import { getProject } from "@/lib/projects/queries";
import { patchProject, projectPatchSchema } from "@/lib/projects/patch-project";
import { projectResponse } from "@/lib/api/responses";

export const GET = projectRoute(
  {
    description: "The project: name, description, task type, guidelines, its labels (retired ones apart), review and auto-accept settings, and your role.",
    response: projectResponse,
    role: "ANNOTATOR",
    scope: "read",
  },
  async ({ access }) => NextResponse.json({ ...(await getProject(access)), role: access.role }),
);

export const PATCH = projectRoute(
  {
    response: projectResponse,
    description:
      'Changes what the body names, and only that: name, description, guidelines, labels (the whole list, in order; a label renamed keeps its values, one left out must be listed in removedLabels, merged into another or retired). `{"name": "x"}` renames the project. Review and auto-accept settings have their own operations.',
    role: "LEAD",
    scope: "lead",
    writes: true,
    body: projectPatchSchema,
  },
  async ({ access, body }) => {
    await patchProject(access, body);
    return NextResponse.json(await getProject(access));
  },
);
