// The project's members.
import { NextResponse } from "next/server";
import { projectRoute } from "@/lib/auth/route";
import { listMembers } from "@/lib/projects/queries";
import { memberListResponse } from "@/lib/api/responses";

export const GET = projectRoute(
  { description: "The project's members with their role (leads first) and when they joined.", response: memberListResponse, role: "LEAD", scope: "read" },
  async ({ access }) =>
    NextResponse.json({
      members: (await listMembers(access)).map((m) => ({ userId: m.userId, name: m.user.name, email: m.user.email, role: m.role, joinedAt: m.createdAt })),
    }),
);
