// Checks an email + password, rate-limited per email and per client IP.
import { z } from "zod";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { dummyPasswordHash, verifyPassword } from "@/lib/auth/passwords";
import { clearRateLimit, hitRateLimit } from "@/lib/auth/rate-limit";

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address"),
  password: z.string().min(1, "Enter your password"),
});

export type SessionUserInfo = { id: string; email: string; name: string; isAdmin: boolean };

export async function authenticate(input: unknown, ip: string): Promise<SessionUserInfo | null> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const limits = env().signIn;
  const emailOk = await hitRateLimit(`signin:email:${email}`, limits.maxPerEmail, limits.windowSeconds);
  const ipOk = await hitRateLimit(`signin:ip:${ip}`, limits.maxPerIp, limits.windowSeconds);
  if (!emailOk || !ipOk) {
    throw new AppError("RATE_LIMITED", "Too many sign-in attempts. Wait a few minutes and try again.");
  }
  const db = await getDb();
  const user = await db.user.findUnique({ where: { email } });
  const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !ok) return null;
  await clearRateLimit(`signin:email:${email}`);
  return { id: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin };
}
