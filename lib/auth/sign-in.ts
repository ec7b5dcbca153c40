// Checks an email + password. Only failures count against the limits, which are per (email,
// client address) and per client address: someone who keeps guessing a colleague's password only
// ever locks out their own address, and the right password from another address still works.
// Guesses spread over many addresses (easy with IPv6) are held back per account: past the
// per-address limit every attempt waits, longer the more failures there were; past five times it,
// attempts are refused before the password is hashed (bcrypt is the expensive part) for the rest
// of the window, except from a device the owner has signed in on before (a signed cookie), so the
// owner is not locked out by someone else's guessing.
import crypto from "node:crypto";
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

/** Failures across addresses (times the per-address limit) past which only known devices may try. */
const REFUSE_AFTER_FACTOR = 5;
/** The wait before an attempt once the account has more failures than one address may make: doubling every ten, at most 8 s. */
export const slowDownMs = (failures: number, perAddress: number) =>
  failures <= perAddress ? 0 : Math.min(8000, Math.round(250 * 2 ** ((failures - perAddress) / 10)));

/** The value of the known-device cookie for an email: proof this browser once signed in as that person. */
export const deviceProof = (email: string) => crypto.createHmac("sha256", env().nextAuthSecret).update(`device:${email.toLowerCase()}`).digest("base64url");
export const DEVICE_COOKIE = "goldset-device";

/** Whether the cookie value proves this browser signed in as `email` before (one cookie may hold several, space-separated). */
export const isKnownDevice = (cookie: string | undefined, email: string) => Boolean(cookie && cookie.split(" ").includes(deviceProof(email)));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function authenticate(input: SignInInput, address: string, knownDevice = false): Promise<SessionUserInfo | null> {
  const { email, password } = input;
  const limits = env().signIn;
  const keys = { pair: `signin:pair:${email}|${address}`, address: `signin:ip:${address}`, account: `signin:email:${email}` };
  // Counted before the password is checked (so concurrent guesses cannot slip past the limit), and
  // taken back when it was right.
  const [pair, fromAddress, account] = await Promise.all([
    hitRateLimit(keys.pair, limits.maxPerEmail, limits.windowSeconds),
    hitRateLimit(keys.address, limits.maxPerIp, limits.windowSeconds),
    hitRateLimit(keys.account, limits.maxPerEmail * REFUSE_AFTER_FACTOR, limits.windowSeconds),
  ]);
  if (!pair.allowed || !fromAddress.allowed) {
    const retry = Math.max(pair.allowed ? 0 : pair.retryAfterSeconds, fromAddress.allowed ? 0 : fromAddress.retryAfterSeconds);
    throw new AppError("RATE_LIMITED", `Too many failed sign-ins from your address. Try again in ${minutes(retry)}.`, undefined, retry);
  }
  if (!account.allowed && !knownDevice) {
    throw new AppError(
      "RATE_LIMITED",
      `This account has had too many failed sign-ins. Try again in ${minutes(account.retryAfterSeconds)}, or sign in from a device you have used before.`,
      undefined,
      account.retryAfterSeconds,
    );
  }
  await sleep(slowDownMs(account.count - 1, limits.maxPerEmail));
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
  if (!hit.allowed)
    throw new AppError(
      "RATE_LIMITED",
      `Too many attempts from your address. Try again in ${minutes(hit.retryAfterSeconds)}.`,
      undefined,
      hit.retryAfterSeconds,
    );
}

function minutes(seconds: number): string {
  const m = Math.ceil(seconds / 60);
  return m <= 1 ? "a minute" : `${m} minutes`;
}
