import { getDb } from "@/lib/db";
import type { ProjectAccess } from "@/lib/auth/access";
import { hashOneTimeToken } from "@/lib/auth/one-time-tokens";

export type InvitationView =
  { state: "invalid" } | { state: "used" | "expired" | "valid"; email: string; projectName: string | null; role: string | null; hasAccount: boolean };

/** What the invitation page shows; it reveals nothing without the token itself. */
export async function viewInvitation(token: string): Promise<InvitationView> {
  if (!/^[A-Za-z0-9_-]{10,200}$/.test(token)) return { state: "invalid" };
  const db = await getDb();
  const inv = await db.invitation.findUnique({
    where: { tokenHash: hashOneTimeToken(token) },
    include: { project: { select: { name: true } } },
  });
  if (!inv) return { state: "invalid" };
  const hasAccount = (await db.user.findUnique({ where: { email: inv.email }, select: { id: true } })) !== null;
  const state = inv.usedAt ? "used" : inv.expiresAt < new Date() ? "expired" : "valid";
  return { state, email: inv.email, projectName: inv.project?.name ?? null, role: inv.role, hasAccount };
}

export async function listProjectInvitations(access: ProjectAccess) {
  const db = await getDb();
  return db.invitation.findMany({
    where: { projectId: access.projectId },
    orderBy: { createdAt: "desc" },
    take: 50,
    select: { id: true, email: true, role: true, createdAt: true, expiresAt: true, usedAt: true },
  });
}
