// Accepting an invitation: single use (claimed atomically), only before it expires.
import { z } from "zod";
import { getDatabase } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import type { SqlSession } from "@/lib/db/sql-session";
import { AppError, fieldErrorsFrom } from "@/lib/errors";
import { hashPassword } from "@/lib/auth/passwords";
import { passwordSchema } from "@/lib/users/schemas";
import { hashOneTimeToken } from "@/lib/auth/one-time-tokens";

const newUserSchema = z.object({ name: z.string().trim().min(1, "Enter your name").max(100), password: passwordSchema });

type Claimed = { id: string; email: string; projectId: string | null; role: "LEAD" | "ANNOTATOR" | null };

async function claim(tx: SqlSession, token: string, userId: string | null): Promise<Claimed> {
  const [claimed] = await tx.query<Claimed>(
    sql`UPDATE "Invitation" SET "usedAt" = now(), "usedById" = ${userId}
        WHERE "tokenHash" = ${hashOneTimeToken(token)} AND "usedAt" IS NULL AND "expiresAt" > now()
        RETURNING id, email, "projectId", role::text AS role`,
  );
  if (!claimed) throw new AppError("CONFLICT", "This invitation link was already used or has expired. Ask for a new one.");
  return claimed;
}

async function addMembership(tx: SqlSession, inv: Claimed, userId: string) {
  if (!inv.projectId || !inv.role) return;
  // An existing LEAD is never demoted by an ANNOTATOR invitation.
  await tx.query(
    sql`INSERT INTO "Membership" ("projectId", "userId", role) VALUES (${inv.projectId}, ${userId}, ${inv.role}::"ProjectRole")
        ON CONFLICT ("projectId", "userId") DO UPDATE SET role = CASE WHEN EXCLUDED.role = 'LEAD' THEN 'LEAD'::"ProjectRole" ELSE "Membership".role END`,
  );
}

/** A person without an account: creates it, with the invited email. */
export async function acceptInvitationWithNewAccount(token: string, input: unknown) {
  const parsed = newUserSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "Check the highlighted fields.", fieldErrorsFrom(parsed.error.issues));
  if (!/^[A-Za-z0-9_-]{10,200}$/.test(token)) throw new AppError("NOT_FOUND", "This invitation link is not valid.");
  const passwordHash = await hashPassword(parsed.data.password);
  const database = await getDatabase();
  return database.rawTransaction(async (tx) => {
    const inv = await claim(tx, token, null);
    if ((await tx.query(sql`SELECT 1 FROM "User" WHERE email = ${inv.email}`)).length) {
      throw new AppError("CONFLICT", "An account with this email already exists. Sign in to accept the invitation.");
    }
    const [user] = await tx.query<{ id: string; email: string; sessionVersion: number }>(
      sql`INSERT INTO "User" (id, email, name, "passwordHash") VALUES (${crypto.randomUUID()}, ${inv.email}, ${parsed.data.name}, ${passwordHash})
          RETURNING id, email, "sessionVersion"`,
    );
    await tx.query(sql`UPDATE "Invitation" SET "usedById" = ${user.id} WHERE id = ${inv.id}`);
    await addMembership(tx, inv, user.id);
    return { userId: user.id, email: user.email, sessionVersion: user.sessionVersion, projectId: inv.projectId };
  });
}

/** A signed-in person: the invitation must be for their email. */
export async function acceptInvitationAsUser(token: string, userId: string) {
  if (!/^[A-Za-z0-9_-]{10,200}$/.test(token)) throw new AppError("NOT_FOUND", "This invitation link is not valid.");
  const database = await getDatabase();
  return database.rawTransaction(async (tx) => {
    const [user] = await tx.query<{ email: string }>(sql`SELECT email FROM "User" WHERE id = ${userId}`);
    if (!user) throw new AppError("NOT_FOUND", "Your account no longer exists.");
    const inv = await claim(tx, token, userId);
    if (inv.email !== user.email) {
      throw new AppError("FORBIDDEN", `This invitation is for ${inv.email}. Sign in with that account.`);
    }
    await addMembership(tx, inv, userId);
    return { projectId: inv.projectId };
  });
}
