// Who is calling: a signed-in session (cookie) or an API token (Authorization: Bearer). Sessions
// serve pages and server actions; tokens serve /api/v1 only. The user row is read on each request,
// so a deleted account, a changed admin flag or a changed password (session version) takes effect
// at once.
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDatabase } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { AppError } from "@/lib/errors";
import { makeCaller, type Caller } from "@/lib/auth/access";
import { decodeSession, sessionCookieName, sessionTokenFromCookieHeader } from "@/lib/auth/session-cookie";
import { callerForApiToken } from "@/lib/auth/api-tokens";

export type SessionUser = { id: string; email: string; name: string; isAdmin: boolean };

async function userForSessionToken(token: string | undefined): Promise<SessionUser | null> {
  const claims = await decodeSession(token);
  if (!claims) return null;
  const database = await getDatabase();
  const [user] = await database.query<SessionUser & { sessionVersion: number }>(
    sql`SELECT id, email, name, "isAdmin", "sessionVersion" FROM "User" WHERE id = ${claims.uid}`,
    { prepare: true },
  );
  if (!user || user.sessionVersion !== claims.sv) return null;
  return { id: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin };
}

/** The signed-in user of this page or server action, or null. Cached for the request. */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const jar = await cookies();
  return userForSessionToken(jar.get(sessionCookieName())?.value);
});

/** For pages: the signed-in user, or the sign-in page (which returns here afterwards). */
export async function requirePageUser(returnTo?: string): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(returnTo ? `/sign-in?callbackUrl=${encodeURIComponent(returnTo)}` : "/sign-in");
  return user;
}

/**
 * For server actions: the session's user. A bearer token is refused outright: a leaked token must
 * not be able to mint tokens, create projects or invite people.
 */
export async function requireActionCaller(): Promise<Caller> {
  const h = await headers();
  if (h.get("authorization")) throw new AppError("UNAUTHENTICATED", "API tokens work on /api/v1 only. Sign in to use the app.");
  const user = await getSessionUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again.");
  return makeCaller(user);
}

export type RouteCaller = { caller: Caller; via: "token" | "session" };

/**
 * For route handlers: a token when the request carries one (a wrong token is refused rather than
 * falling back to the cookie, so a script never acts as whoever's browser it runs in), else the
 * session cookie.
 */
export async function callerFromRequest(req: Request): Promise<RouteCaller> {
  const authorization = req.headers.get("authorization");
  if (authorization) {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
    const caller = token ? await callerForApiToken(token) : null;
    if (!caller) throw new AppError("UNAUTHENTICATED", "Unknown, revoked or expired API token.");
    return { caller, via: "token" };
  }
  const user = await userForSessionToken(sessionTokenFromCookieHeader(req.headers.get("cookie")));
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in first, or send an API token as Authorization: Bearer.");
  return { caller: makeCaller(user), via: "session" };
}
