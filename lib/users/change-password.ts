// Changing one's password: the current one is checked (a session left open on a shared computer
// must not be enough), every session ends except the one making the change, which gets a new
// cookie from the caller, and the person's API tokens are revoked: credentials end together (a
// password changed because it leaked must not leave a token made with it working).
import { z } from "zod";
import { getDatabase, getDb } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import type { SqlSession } from "@/lib/db/sql-session";
import { AppError } from "@/lib/errors";
import type { Caller } from "@/lib/auth/access";
import { hashPassword, verifyPassword } from "@/lib/auth/passwords";
import { passwordSchema } from "@/lib/users/schemas";

export const changePasswordSchema = z
  .object({ current: z.string().min(1, "Enter your current password").max(200), password: passwordSchema, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two new passwords differ" });

export async function changePassword(caller: Caller, input: z.infer<typeof changePasswordSchema>) {
  const db = await getDb();
  const user = await db.user.findUniqueOrThrow({ where: { id: caller.userId } });
  if (!(await verifyPassword(input.current, user.passwordHash))) {
    throw new AppError("VALIDATION", "Your current password is not right.", { current: "Not your current password" });
  }
  const passwordHash = await hashPassword(input.password);
  const database = await getDatabase();
  return database.rawTransaction(async (tx) => {
    const [updated] = await tx.query<{ id: string; sessionVersion: number }>(
      sql`UPDATE "User" SET "passwordHash" = ${passwordHash}, "sessionVersion" = "sessionVersion" + 1 WHERE id = ${user.id} RETURNING id, "sessionVersion"`,
    );
    const revoked = await revokeTokensOf(tx, user.id);
    return { ...updated, tokensRevoked: revoked };
  });
}

/** Every live API token of the person: revoked now. Returns how many. */
export async function revokeTokensOf(tx: SqlSession, userId: string): Promise<number> {
  const revoked = await tx.query(sql`UPDATE "ApiToken" SET "revokedAt" = now() WHERE "userId" = ${userId} AND "revokedAt" IS NULL RETURNING id`);
  return revoked.length;
}
