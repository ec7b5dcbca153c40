// Changing a member's role, and removing a member (a project always keeps a lead).
import { NextResponse } from "next/server";
import { z } from "zod";
import { projectRoute } from "@/lib/auth/route";
import { changeMemberRole, removeMember } from "@/lib/projects/members";
import { memberRemovedResponse, memberRoleResponse } from "@/lib/api/responses";

const params = z.object({ memberId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Not a valid member") });

export const PATCH = projectRoute(
  {
    response: memberRoleResponse,
    description: "Changes a member's role: { role: LEAD | ANNOTATOR }. The last lead cannot be demoted.",
    role: "LEAD",
    scope: "lead",
    writes: true,
    params,
    body: z.object({ role: z.enum(["LEAD", "ANNOTATOR"]) }),
  },
  async ({ access, params: p, body }) => {
    await changeMemberRole(access, p.memberId, body.role);
    return NextResponse.json({ userId: p.memberId, role: body.role });
  },
);

export const DELETE = projectRoute(
  {
    response: memberRemovedResponse,
    description: "Removes a member from the project (their decisions stay). The last lead cannot be removed.",
    role: "LEAD",
    scope: "lead",
    writes: true,
    params,
  },
  async ({ access, params: p }) => {
    await removeMember(access, p.memberId);
    return NextResponse.json({ removed: p.memberId });
  },
);
