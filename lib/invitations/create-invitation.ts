// Admins invite people to the instance or to a project; project leads invite to their project.
import { z } from "zod";
import { getDb } from "@/lib/db";
import { AppError, fieldErrorsFrom } from "@/lib/errors";
import { requireProjectRole } from "@/lib/auth/project-role";
import { INVITATION_TTL_DAYS, hashInvitationToken, newInvitationToken } from "@/lib/invitations/tokens";

export const invitationSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address"),
  role: z.enum(["LEAD", "ANNOTATOR"]).default("ANNOTATOR"),
});

/** Returns the raw token: it is shown once and never stored. */
export async function createInvitation(args: { userId: string; projectId: string | null; input: unknown }) {
  const parsed = invitationSchema.safeParse(args.input);
  if (!parsed.success) throw new AppError("VALIDATION", "Check the highlighted fields.", fieldErrorsFrom(parsed.error.issues));
  const db = await getDb();
  if (args.projectId) {
    await requireProjectRole(args.userId, args.projectId, "LEAD");
  } else {
    const me = await db.user.findUnique({ where: { id: args.userId }, select: { isAdmin: true } });
    if (!me?.isAdmin) throw new AppError("FORBIDDEN", "Only admins can invite people without a project.");
  }
  const token = newInvitationToken();
  const invitation = await db.invitation.create({
    data: {
      tokenHash: hashInvitationToken(token),
      email: parsed.data.email,
      projectId: args.projectId,
      role: args.projectId ? parsed.data.role : null,
      createdById: args.userId,
      expiresAt: new Date(Date.now() + INVITATION_TTL_DAYS * 24 * 3600 * 1000),
    },
    select: { id: true, email: true, role: true, expiresAt: true },
  });
  return { ...invitation, token };
}
