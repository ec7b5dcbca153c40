// Who is calling. The JWT only carries the user id; the user row is read on each request so a
// deleted account or a changed admin flag takes effect at once.
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { authOptions } from "@/lib/auth/options";
import { userForApiToken } from "@/lib/auth/api-tokens";

export type SessionUser = { id: string; email: string; name: string; isAdmin: boolean };

export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions());
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  const db = await getDb();
  return db.user.findUnique({ where: { id }, select: { id: true, email: true, name: true, isAdmin: true } });
}

/** For pages: the signed-in user, or a redirect to the sign-in page. */
export async function requirePageUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  return user;
}

/**
 * For route handlers and server actions: the caller, from an `Authorization: Bearer gs_…` API
 * token or the session cookie, or UNAUTHENTICATED. A wrong token is refused outright rather than
 * falling back to the cookie, so a script never acts as whoever's browser it runs in.
 */
export async function requireUser(): Promise<SessionUser> {
  const authorization = (await headers()).get("authorization");
  if (authorization) {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
    const user = token ? await userForApiToken(token) : null;
    if (!user) throw new AppError("UNAUTHENTICATED", "Unknown or revoked API token.");
    return user;
  }
  const user = await getSessionUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in first.");
  return user;
}
