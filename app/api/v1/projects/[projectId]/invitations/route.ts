// Invitations to the project: the open ones, and a new one (its link is shown once).
import { NextResponse } from "next/server";
import { projectRoute } from "@/lib/auth/route";
import { publicOriginOf } from "@/lib/auth/public-origin";
import { createProjectInvitation, invitationSchema } from "@/lib/invitations/create-invitation";
import { listProjectInvitations } from "@/lib/invitations/queries";
import { invitationCreatedResponse, invitationListResponse } from "@/lib/api/responses";

export const GET = projectRoute(
  {
    description: "The project's invitations: email, role, who invited, when it expires, and whether it was accepted (never the link: it is shown once).",
    response: invitationListResponse,
    role: "LEAD",
    scope: "read",
  },
  async ({ access }) => NextResponse.json({ invitations: await listProjectInvitations(access) }),
);

export const POST = projectRoute(
  {
    description: "Invites someone by email as LEAD or ANNOTATOR; the answer holds the invitation link, shown this once (send it yourself).",
    successStatus: 201,
    response: invitationCreatedResponse,
    role: "LEAD",
    scope: "lead",
    writes: true,
    body: invitationSchema,
  },
  async ({ access, body, req }) => {
    const inv = await createProjectInvitation(access, body);
    return NextResponse.json({ email: inv.email, link: `${publicOriginOf(req)}/invite/${inv.token}` }, { status: 201 });
  },
);
