// Checks an email + password. Only failures count against the limits, which are per (email,
// client address) and per client address: someone who keeps guessing a colleague's password only
// ever locks out their own address, and the right password from another address still works. An
// account that collects many failures from many addresses is slowed down (each attempt waits a
// little), never refused.
import { z } from "zod";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { dummyPasswordHash, verifyPassword } from "@/lib/auth/passwords";
import { clearRateLimit, hitRateLimit, undoHit } from "@/lib/auth/rate-limit";

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address").max(320),
  password: z.string().min(1, "Enter your password").max(200, "Use at most 200 characters"),
});
export type SignInInput = z.infer<typeof signInSchema>;

export type SessionUserInfo = { id: string; email: string; name: string; isAdmin: boolean; sessionVersion: number };

/** Failures across addresses after which every attempt for the account waits SLOW_DOWN_MS. */
const SLOW_DOWN_AFTER_FACTOR = 5;
const SLOW_DOWN_MS = 1500;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function authenticate(input: SignInInput, address: string): Promise<SessionUserInfo | null> {
  const { email, password } = input;
  const limits = env().signIn;
  const keys = { pair: `signin:pair:${email}|${address}`, address: `signin:ip:${address}`, account: `signin:email:${email}` };
  // Counted before the password is checked (so concurrent guesses cannot slip past the limit), and
  // taken back when it was right.
  const [pair, fromAddress, account] = await Promise.all([
    hitRateLimit(keys.pair, limits.maxPerEmail, limits.windowSeconds),
    hitRateLimit(keys.address, limits.maxPerIp, limits.windowSeconds),
    hitRateLimit(keys.account, limits.maxPerEmail * SLOW_DOWN_AFTER_FACTOR, limits.windowSeconds),
  ]);
  if (!pair.allowed || !fromAddress.allowed) {
    const retry = Math.max(pair.allowed ? 0 : pair.retryAfterSeconds, fromAddress.allowed ? 0 : fromAddress.retryAfterSeconds);
    throw new AppError("RATE_LIMITED", `Too many failed sign-ins from your address. Try again in ${minutes(retry)}.`, undefined, retry);
  }
  if (!account.allowed) await sleep(SLOW_DOWN_MS);
  const db = await getDb();
  const user = await db.user.findUnique({ where: { email } });
  const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !ok) return null;
  await Promise.all([clearRateLimit(keys.pair), undoHit(keys.address), undoHit(keys.account)]);
  return { id: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin, sessionVersion: user.sessionVersion };
}

/** Limits a form people use before they have a session (set-up, invitation acceptance), per address. */
export async function limitPublicForm(form: "setup" | "invite" | "reset", address: string): Promise<void> {
  const { windowSeconds, maxPerEmail } = env().signIn;
  const hit = await hitRateLimit(`${form}:ip:${address}`, maxPerEmail * 2, windowSeconds);
  if (!hit.allowed) throw new AppError("RATE_LIMITED", `Too many attempts from your address. Try again in ${minutes(hit.retryAfterSeconds)}.`, undefined, hit.retryAfterSeconds);
}

function minutes(seconds: number): string {
  const m = Math.ceil(seconds / 60);
  return m <= 1 ? "a minute" : `${m} minutes`;
}
