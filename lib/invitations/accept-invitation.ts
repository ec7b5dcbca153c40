// Accepting an invitation: single use (claimed atomically), only before it expires.
import { z } from "zod";
import { getDb } from "@/lib/db";
import { AppError, fieldErrorsFrom } from "@/lib/errors";
import { hashPassword } from "@/lib/auth/passwords";
import { passwordSchema } from "@/lib/users/schemas";
import { hashOneTimeToken } from "@/lib/auth/one-time-tokens";
import type { Prisma } from "@/lib/generated/prisma/client";

const newUserSchema = z.object({ name: z.string().trim().min(1, "Enter your name").max(100), password: passwordSchema });

async function claim(tx: Prisma.TransactionClient, token: string, userId: string | null) {
  const tokenHash = hashOneTimeToken(token);
  const claimed = await tx.invitation.updateMany({
    where: { tokenHash, usedAt: null, expiresAt: { gt: new Date() } },
    data: { usedAt: new Date(), usedById: userId },
  });
  if (claimed.count !== 1) throw new AppError("CONFLICT", "This invitation link was already used or has expired. Ask for a new one.");
  return tx.invitation.findUniqueOrThrow({ where: { tokenHash } });
}

async function addMembership(tx: Prisma.TransactionClient, inv: { projectId: string | null; role: "LEAD" | "ANNOTATOR" | null }, userId: string) {
  if (!inv.projectId || !inv.role) return;
  await tx.membership.upsert({
    where: { projectId_userId: { projectId: inv.projectId, userId } },
    create: { projectId: inv.projectId, userId, role: inv.role },
    // An existing LEAD is never demoted by an ANNOTATOR invitation.
    update: inv.role === "LEAD" ? { role: "LEAD" } : {},
  });
}

/** A person without an account: creates it, with the invited email. */
export async function acceptInvitationWithNewAccount(token: string, input: unknown) {
  const parsed = newUserSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "Check the highlighted fields.", fieldErrorsFrom(parsed.error.issues));
  if (!/^[A-Za-z0-9_-]{10,200}$/.test(token)) throw new AppError("NOT_FOUND", "This invitation link is not valid.");
  const passwordHash = await hashPassword(parsed.data.password);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const inv = await claim(tx, token, null);
    if (await tx.user.findUnique({ where: { email: inv.email } })) {
      throw new AppError("CONFLICT", "An account with this email already exists. Sign in to accept the invitation.");
    }
    const user = await tx.user.create({ data: { email: inv.email, name: parsed.data.name, passwordHash } });
    await tx.invitation.update({ where: { id: inv.id }, data: { usedById: user.id } });
    await addMembership(tx, inv, user.id);
    return { userId: user.id, email: user.email, sessionVersion: user.sessionVersion, projectId: inv.projectId };
  });
}

/** A signed-in person: the invitation must be for their email. */
export async function acceptInvitationAsUser(token: string, userId: string) {
  if (!/^[A-Za-z0-9_-]{10,200}$/.test(token)) throw new AppError("NOT_FOUND", "This invitation link is not valid.");
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId } });
    const inv = await claim(tx, token, userId);
    if (inv.email !== user.email) {
      throw new AppError("FORBIDDEN", `This invitation is for ${inv.email}. Sign in with that account.`);
    }
    await addMembership(tx, inv, userId);
    return { projectId: inv.projectId };
  });
}
