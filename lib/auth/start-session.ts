// Signing in and out from server actions: the session cookie is written and removed here, so the
// sign-in form is a plain POST that works before (or without) any JavaScript. Signing out also
// ends the session on the server: a copy of the cookie (another tab's, or a stolen one) stops
// working too. Sessions carry the user's session version, so this ends every session of the
// person, on every device, as a password change does.
import { cookies } from "next/headers";
import { getDatabase } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { decodeSession, encodeSession, sessionCookieName, sessionCookieOptions } from "@/lib/auth/session-cookie";

export async function startSession(user: { id: string; sessionVersion: number }): Promise<void> {
  const jar = await cookies();
  jar.set(sessionCookieName(), await encodeSession({ uid: user.id, sv: user.sessionVersion }), sessionCookieOptions());
}

export async function endSession(): Promise<void> {
  const jar = await cookies();
  await revokeSession(jar.get(sessionCookieName())?.value);
  jar.delete(sessionCookieName());
}

/** Ends the session this cookie holds, server-side (a cookie that is not a live session changes nothing). */
export async function revokeSession(token: string | undefined): Promise<void> {
  const claims = await decodeSession(token);
  if (!claims) return;
  const database = await getDatabase();
  await database.query(sql`UPDATE "User" SET "sessionVersion" = "sessionVersion" + 1 WHERE id = ${claims.uid} AND "sessionVersion" = ${claims.sv}`);
}
