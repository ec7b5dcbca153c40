// Admins invite people to the instance or to a project; project leads invite to their project.
import { z } from "zod";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Caller, ProjectAccess } from "@/lib/auth/access";
import { hashOneTimeToken, newOneTimeToken } from "@/lib/auth/one-time-tokens";

const INVITATION_TTL_DAYS = 7;

export const invitationSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address"),
  role: z.enum(["LEAD", "ANNOTATOR"]).default("ANNOTATOR"),
});

export type InvitationInput = z.infer<typeof invitationSchema>;

/** A project lead invites to their project. Returns the raw token: it is shown once and never stored. */
export function createProjectInvitation(access: ProjectAccess, input: InvitationInput) {
  return insertInvitation(access.userId, access.projectId, input);
}

/** An instance admin invites someone without a project. */
export function createInstanceInvitation(caller: Caller, input: InvitationInput) {
  if (!caller.isAdmin) throw new AppError("FORBIDDEN", "Only admins can invite people without a project.");
  return insertInvitation(caller.userId, null, input);
}

async function insertInvitation(userId: string, projectId: string | null, input: InvitationInput) {
  const db = await getDb();
  const token = newOneTimeToken();
  const invitation = await db.invitation.create({
    data: {
      tokenHash: hashOneTimeToken(token),
      email: input.email,
      projectId,
      role: projectId ? input.role : null,
      createdById: userId,
      expiresAt: new Date(Date.now() + INVITATION_TTL_DAYS * 24 * 3600 * 1000),
    },
    select: { id: true, email: true, role: true, expiresAt: true },
  });
  return { ...invitation, token };
}
