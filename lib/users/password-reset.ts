// An admin resets someone's password by giving them a one-time link (Goldset sends no e-mail):
// the raw token is shown once and only its hash is stored, like invitation tokens. The link lasts
// a day, a newer one replaces older ones, and setting the password through it ends every session
// of that person (whoever had the old password is out).
import { revokeTokensOf } from "@/lib/users/change-password";
import { z } from "zod";
import { getDatabase, getDb } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { AppError, fieldErrorsFrom } from "@/lib/errors";
import type { Caller } from "@/lib/auth/access";
import { hashPassword } from "@/lib/auth/passwords";
import { hashOneTimeToken, newOneTimeToken } from "@/lib/auth/one-time-tokens";
import { passwordSchema } from "@/lib/users/schemas";

export const RESET_TTL_HOURS = 24;
const TOKEN = /^[A-Za-z0-9_-]{10,200}$/;

export const resetPasswordSchema = z
  .object({ password: passwordSchema, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords differ" });

/** Admins only. Returns the raw token, to be shown once. */
export async function createPasswordReset(caller: Caller, userId: string): Promise<{ token: string; email: string; expiresAt: Date }> {
  if (!caller.isAdmin) throw new AppError("FORBIDDEN", "Only admins can reset passwords.");
  const db = await getDb();
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, email: true } });
  if (!user) throw new AppError("NOT_FOUND", "No such person.");
  const token = newOneTimeToken();
  const database = await getDatabase();
  const expiresAt = await database.rawTransaction(async (tx) => {
    // Only the newest link works: one shown by mistake is undone by making another.
    await tx.query(sql`UPDATE "PasswordReset" SET "expiresAt" = now() WHERE "userId" = ${userId} AND "usedAt" IS NULL`);
    // The column holds UTC without a zone (as Prisma writes it): its epoch is read as such.
    const [created] = await tx.query<{ expiresMs: number }>(
      sql`INSERT INTO "PasswordReset" (id, "tokenHash", "userId", "createdById", "expiresAt")
          VALUES (${crypto.randomUUID()}, ${hashOneTimeToken(token)}, ${userId}, ${caller.userId}, now() + make_interval(hours => ${RESET_TTL_HOURS}))
          RETURNING extract(epoch FROM "expiresAt")::float8 * 1000 AS "expiresMs"`,
    );
    return new Date(created.expiresMs);
  });
  return { token, email: user.email, expiresAt };
}

export type PasswordResetView = { state: "valid"; email: string } | { state: "invalid" | "used" | "expired" };

export async function viewPasswordReset(token: string): Promise<PasswordResetView> {
  if (!TOKEN.test(token)) return { state: "invalid" };
  const db = await getDb();
  const reset = await db.passwordReset.findUnique({
    where: { tokenHash: hashOneTimeToken(token) },
    select: { usedAt: true, expiresAt: true, user: { select: { email: true } } },
  });
  if (!reset) return { state: "invalid" };
  if (reset.usedAt) return { state: "used" };
  if (reset.expiresAt <= new Date()) return { state: "expired" };
  return { state: "valid", email: reset.user.email };
}

/** Sets the new password if the link is still good (claimed atomically: a link works once). */
export async function completePasswordReset(token: string, input: unknown): Promise<{ id: string; sessionVersion: number }> {
  const parsed = resetPasswordSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "Check the highlighted fields.", fieldErrorsFrom(parsed.error.issues));
  if (!TOKEN.test(token)) throw new AppError("NOT_FOUND", "This link is not valid.");
  const passwordHash = await hashPassword(parsed.data.password);
  const database = await getDatabase();
  const tokenHash = hashOneTimeToken(token);
  return database.rawTransaction(async (tx) => {
    const [claimed] = await tx.query<{ userId: string }>(
      sql`UPDATE "PasswordReset" SET "usedAt" = now() WHERE "tokenHash" = ${tokenHash} AND "usedAt" IS NULL AND "expiresAt" > now() RETURNING "userId"`,
    );
    if (!claimed) throw new AppError("CONFLICT", "This link was already used or has expired. Ask your admin for a new one.");
    // Credentials end together: every session and every API token of the person.
    await revokeTokensOf(tx, claimed.userId);
    const [user] = await tx.query<{ id: string; sessionVersion: number }>(
      sql`UPDATE "User" SET "passwordHash" = ${passwordHash}, "sessionVersion" = "sessionVersion" + 1 WHERE id = ${claimed.userId} RETURNING id, "sessionVersion"`,
    );
    return user;
  });
}

/** The people of the instance, for the admin page. */
export async function listPeople(caller: Caller) {
  if (!caller.isAdmin) throw new AppError("FORBIDDEN", "Only admins can list everyone.");
  const db = await getDb();
  return db.user.findMany({ orderBy: { createdAt: "asc" }, select: { id: true, name: true, email: true, isAdmin: true, createdAt: true }, take: 1000 });
}
