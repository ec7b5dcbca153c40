import { getDatabase, getDb } from "@/lib/db";
import type { ProjectAccess } from "@/lib/auth/access";
import { claimNext, startOfToday } from "@/lib/reviews/claim-next";
import { queueStateOf, recentDecisionsOf, reviewedSince, type RecentDecisionRow } from "@/lib/reviews/sql";
import type { ReviewTask } from "@/lib/reviews/types";

/** `capReached`: this reviewer reached the project's daily cap (no new item until tomorrow). */
export type ReviewProgress = { today: number; remaining: number; adjudication: number; capReached?: boolean };

// Counting a project's open items walks its queue index (100,000 entries in a large project), and
// every annotator's every claim shows the counters. They are project-wide and only informative, so
// each process recounts them in the background at most every few seconds and answers with the
// last count meanwhile; only a project's first claim waits. Between recounts, each decision that
// takes an item out of the queue is subtracted at once (in this process), so "Remaining" moves as
// decisions land. "Reviewed today" is exact, and skips are not reviews.
const PROJECT_COUNTS_TTL_MS = 5_000;
type ProjectCounts = { remaining: number; adjudication: number };
type CountsEntry = { at: number; last?: ProjectCounts; next?: Promise<ProjectCounts>; gone: Set<number> };
const projectCounts = new Map<string, CountsEntry>();

async function countOpenItems(projectId: string): Promise<ProjectCounts> {
  const entry = projectCounts.get(projectId) ?? { at: 0, gone: new Set() };
  projectCounts.set(projectId, entry);
  if (!entry.next && Date.now() - entry.at >= PROJECT_COUNTS_TTL_MS) {
    entry.at = Date.now();
    entry.next = recount(projectId)
      .then((counts) => {
        entry.gone.clear();
        return (entry.last = counts);
      })
      .finally(() => (entry.next = undefined));
  }
  return entry.last ?? (entry.next as Promise<ProjectCounts>);
}

async function recount(projectId: string): Promise<ProjectCounts> {
  const db = await getDb();
  const [remaining, adjudication] = await Promise.all([
    db.item.count({ where: { projectId, inQueue: true } }),
    db.item.count({ where: { projectId, needsAdjudication: true } }),
  ]);
  return { remaining, adjudication };
}

/** What POST review/next answers: the next leased item (null when the queue is empty) and the counters. */
export async function nextForReview(access: ProjectAccess, skipItemIds: number[] = []): Promise<{ task: ReviewTask | null; progress: ReviewProgress }> {
  const { task, reviewedToday, capReached } = await claimNext(access, skipItemIds);
  return { task, progress: { today: reviewedToday, ...(await countOpenItems(access.projectId)), ...(capReached ? { capReached } : {}) } };
}

/** The counters after a decision on `itemId`: the item left the queue (gold, or adjudication) or not. */
export async function progressAfterDecision(access: ProjectAccess, itemId: number): Promise<ReviewProgress> {
  const database = await getDatabase();
  const [state] = await database.query<{ inQueue: boolean; needsAdjudication: boolean }>(queueStateOf(itemId));
  const counts = await countOpenItems(access.projectId);
  const entry = projectCounts.get(access.projectId)!;
  if (state && !state.inQueue && entry.last && !entry.gone.has(itemId)) {
    entry.gone.add(itemId);
    entry.last = { remaining: Math.max(0, entry.last.remaining - 1), adjudication: entry.last.adjudication + (state.needsAdjudication ? 1 : 0) };
  }
  const [today] = await database.query<{ count: number }>(reviewedSince(access.projectId, access.userId, startOfToday()));
  return { today: Number(today.count), ...(entry.last ?? counts) };
}

/** The caller's latest decisions (to look back at and change). */
export async function recentDecisions(access: ProjectAccess, limit = 20): Promise<RecentDecisionRow[]> {
  const database = await getDatabase();
  const rows = await database.query<RecentDecisionRow>(recentDecisionsOf({ projectId: access.projectId, userId: access.userId, limit }));
  return rows.map((r) => ({ ...r, itemId: Number(r.itemId), createdAt: new Date(r.createdAt) }));
}

/** An item's decisions, oldest first, with who made them: all of them for a lead, an annotator's own otherwise (review stays independent). */
export async function itemDecisions(access: ProjectAccess, itemId: number) {
  const db = await getDb();
  const rows = await db.decision.findMany({
    where: { itemId, projectId: access.projectId, ...(access.role === "LEAD" ? {} : { annotatorId: access.userId }) },
    orderBy: { createdAt: "asc" },
    select: { id: true, action: true, value: true, blind: true, createdAt: true, updatedAt: true, version: true, annotatorId: true },
  });
  const people = await db.user.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.annotatorId))] } }, select: { id: true, name: true } });
  const names = new Map(people.map((p) => [p.id, p.name]));
  return rows.map((d) => ({ ...d, annotatorName: names.get(d.annotatorId) ?? "(removed user)" }));
}

/** An item's gold value; leads only (annotators review independently of it). */
export async function goldFor(access: ProjectAccess, itemId: number) {
  if (access.role !== "LEAD") return null;
  const db = await getDb();
  return db.goldLabel.findFirst({ where: { itemId, projectId: access.projectId }, select: { value: true, source: true, blind: true, updatedAt: true } });
}

/** The label imported as a reference for the item (leads only, like the gold: reviewers decide without it). */
export async function referenceFor(access: ProjectAccess, itemId: number) {
  if (access.role !== "LEAD") return null;
  const db = await getDb();
  return db.referenceLabel.findFirst({ where: { itemId, projectId: access.projectId }, select: { value: true, annotations: true, createdAt: true } });
}
