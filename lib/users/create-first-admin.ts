// The first account of an empty instance becomes its admin. After that, people join by invitation.
import { getDb } from "@/lib/db";
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
  const db = await getDb();
  // The lock makes "no user yet" and "create the admin" one step: two simultaneous first visits
  // cannot both become admin.
  return db.$transaction(async (tx) => {
    await tx.$executeRaw(sql`SELECT pg_advisory_xact_lock(${FIRST_ACCOUNT_LOCK})`);
    if (await tx.user.findFirst({ select: { id: true } })) {
      throw new AppError("CONFLICT", "This instance already has an account. Sign in, or ask an admin for an invitation.");
    }
    return tx.user.create({ data: { name, email, passwordHash, isAdmin: true }, select: { id: true, email: true, sessionVersion: true } });
  });
}
