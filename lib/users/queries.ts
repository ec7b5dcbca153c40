import { getDb } from "@/lib/db";

/** True once the first account exists; before that the app offers /setup. */
export async function instanceHasUsers(): Promise<boolean> {
  const db = await getDb();
  return (await db.user.findFirst({ select: { id: true } })) !== null;
}
