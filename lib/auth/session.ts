// Who is calling. The JWT only carries the user id; the user row is read on each request so a
// deleted account or a changed admin flag takes effect at once.
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { authOptions } from "@/lib/auth/options";

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

/** For route handlers and server actions: the signed-in user, or UNAUTHENTICATED. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in first.");
  return user;
}
