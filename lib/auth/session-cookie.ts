// The session: a next-auth JWT (encrypted with NEXTAUTH_SECRET, next-auth's own format) in an
// httpOnly cookie. Goldset writes it itself when a sign-in server action succeeds, so signing in
// works as a plain form post before any JavaScript has loaded (see app/(auth)/sign-in/actions.ts),
// and reads it the same way for pages, server actions and route handlers.
import { decode, encode } from "next-auth/jwt";
import { env } from "@/lib/env";

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** next-auth's cookie names: the __Secure- prefix when the app is served over https. */
export function sessionCookieName(): string {
  return secureCookies() ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

export function secureCookies(): boolean {
  return env().publicUrl?.startsWith("https://") ?? false;
}

/** `sv`: the user's session version; changing the password bumps it and ends every session. */
export type SessionClaims = { uid: string; sv: number };

export async function encodeSession(claims: SessionClaims): Promise<string> {
  return encode({ token: { sub: claims.uid, uid: claims.uid, sv: claims.sv }, secret: env().nextAuthSecret, maxAge: SESSION_MAX_AGE_SECONDS });
}

/** The claims of a valid, unexpired session token, or null for anything else. */
export async function decodeSession(token: string | undefined): Promise<SessionClaims | null> {
  if (!token || token.length > 4096) return null;
  try {
    const payload = await decode({ token, secret: env().nextAuthSecret });
    if (!payload || typeof payload.uid !== "string") return null;
    return { uid: payload.uid, sv: typeof payload.sv === "number" ? payload.sv : 0 };
  } catch {
    return null; // tampered, expired, or signed with another secret
  }
}

export function sessionCookieOptions() {
  return { httpOnly: true, sameSite: "lax" as const, path: "/", secure: secureCookies(), maxAge: SESSION_MAX_AGE_SECONDS };
}

/** The session cookie's value from a Cookie header. */
export function sessionTokenFromCookieHeader(cookieHeader: string | null): string | undefined {
  if (!cookieHeader) return undefined;
  const name = sessionCookieName();
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}
