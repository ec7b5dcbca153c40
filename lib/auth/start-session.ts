// Signing in and out from server actions: the session cookie is written and removed here, so the
// sign-in form is a plain POST that works before (or without) any JavaScript.
import { cookies } from "next/headers";
import { encodeSession, sessionCookieName, sessionCookieOptions } from "@/lib/auth/session-cookie";

export async function startSession(user: { id: string; sessionVersion: number }): Promise<void> {
  const jar = await cookies();
  jar.set(sessionCookieName(), await encodeSession({ uid: user.id, sv: user.sessionVersion }), sessionCookieOptions());
}

export async function endSession(): Promise<void> {
  const jar = await cookies();
  jar.delete(sessionCookieName());
}
