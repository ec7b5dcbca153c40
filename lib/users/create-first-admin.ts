// The first account of an empty instance becomes its admin. After that, people join by invitation.
import { getDatabase } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { AppError, fieldErrorsFrom } from "@/lib/errors";
import { hashPassword } from "@/lib/auth/passwords";
import { newAccountSchema } from "@/lib/users/schemas";

const FIRST_ACCOUNT_LOCK = 4242001;

export async function createFirstAdmin(input: unknown) {
  const parsed = newAccountSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "Check the highlighted fields.", fieldErrorsFrom(parsed.error.issues));
  const { name, email, password } = parsed.data;
  const passwordHash = await hashPassword(password);
  const database = await getDatabase();
  // The lock makes "no user yet" and "create the admin" one step: two simultaneous first visits
  // cannot both become admin.
  return database.rawTransaction(async (tx) => {
    await tx.query(sql`SELECT pg_advisory_xact_lock(${FIRST_ACCOUNT_LOCK})`);
    if ((await tx.query(sql`SELECT 1 FROM "User" LIMIT 1`)).length) {
      throw new AppError("CONFLICT", "This instance already has an account. Sign in, or ask an admin for an invitation.");
    }
    const [admin] = await tx.query<{ id: string; email: string; sessionVersion: number }>(
      sql`INSERT INTO "User" (id, name, email, "passwordHash", "isAdmin") VALUES (${crypto.randomUUID()}, ${name}, ${email}, ${passwordHash}, true)
          RETURNING id, email, "sessionVersion"`,
    );
    return admin;
  });
}
