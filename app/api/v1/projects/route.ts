// The caller's projects (GET, keyset-paged with a `next` link) and a new project (POST, for those
// the instance lets create projects: the creator becomes its lead).
import { NextResponse } from "next/server";
import { z } from "zod";
import { callerRoute, idParam } from "@/lib/auth/route";
import { createProject } from "@/lib/projects/create-project";
import { pageProjectsForUser } from "@/lib/projects/queries";
import { projectSchema } from "@/lib/projects/schemas";
import { looseBoolean } from "@/lib/validation";
import { projectCreatedResponse, projectListResponse } from "@/lib/api/responses";

const query = z.object({
  after: idParam.optional().describe("The last project id of the previous page (from `next`)."),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  archived: looseBoolean.default(false).describe("true: the archived projects instead."),
  counts: looseBoolean.default(false).describe("true: each project's item counts too (total, pre-labeled, reviewed); about 150 ms per million items."),
});

export const GET = callerRoute(
  {
    description:
      "The projects you belong to, with your role (and with ?counts=true their item counts), by project id; `next` is the link to the following page (null on the last).",
    response: projectListResponse,
    role: "SIGNED_IN",
    scope: "read",
    query,
  },
  async ({ caller, query: q, req }) => {
    const page = await pageProjectsForUser(caller, q);
    const next = page.nextAfter
      ? `${new URL(req.url).pathname}?${new URLSearchParams({ after: page.nextAfter, limit: String(q.limit), archived: String(q.archived), counts: String(q.counts) })}`
      : null;
    return NextResponse.json({ projects: page.projects, next });
  },
);

export const POST = callerRoute(
  {
    response: projectCreatedResponse,
    description: "Creates a project (name, task type, labels, guidelines); you become its lead. Who may create projects is an instance setting (Admin).",
    successStatus: 201,
    role: "SIGNED_IN",
    scope: "lead",
    body: projectSchema,
  },
  async ({ caller, body }) => NextResponse.json(await createProject(caller, body), { status: 201 }),
);
