import { getDb } from "@/lib/db";
import { requireProjectRole } from "@/lib/auth/project-role";

/** The counters on the review screen: my decisions today, and items still waiting for a review. */
export async function reviewProgress(userId: string, projectId: string) {
  await requireProjectRole(userId, projectId);
  const db = await getDb();
  const startOfDay = new Date();
  startOfDay.setHours(0, 0, 0, 0);
  const [today, remaining, adjudication] = await Promise.all([
    db.decision.count({ where: { projectId, annotatorId: userId, createdAt: { gte: startOfDay } } }),
    db.item.count({ where: { projectId, inQueue: true } }),
    db.item.count({ where: { projectId, needsAdjudication: true } }),
  ]);
  return { today, remaining, adjudication };
}

/** An item's gold value, for leads. */
export async function goldFor(userId: string, projectId: string, itemId: number) {
  await requireProjectRole(userId, projectId, "LEAD");
  const db = await getDb();
  return db.goldLabel.findFirst({ where: { itemId, projectId }, select: { value: true, source: true } });
}
