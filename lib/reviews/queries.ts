import { getDb } from "@/lib/db";
import type { ProjectAccess } from "@/lib/auth/access";
import { claimNext } from "@/lib/reviews/claim-next";
import type { ReviewTask } from "@/lib/reviews/types";

export type ReviewProgress = { today: number; remaining: number; adjudication: number };

// Counting a project's open items walks its queue index (100,000 entries in a large project), and
// every annotator's every claim shows the counters. They are project-wide and only informative, so
// each process recounts them in the background at most every few seconds and answers with the
// last count meanwhile; only a project's first claim waits. "Reviewed today" is exact.
const PROJECT_COUNTS_TTL_MS = 5_000;
type ProjectCounts = { remaining: number; adjudication: number };
const projectCounts = new Map<string, { at: number; last?: ProjectCounts; next?: Promise<ProjectCounts> }>();

async function countOpenItems(projectId: string): Promise<ProjectCounts> {
  const entry = projectCounts.get(projectId) ?? { at: 0 };
  projectCounts.set(projectId, entry);
  if (!entry.next && Date.now() - entry.at >= PROJECT_COUNTS_TTL_MS) {
    entry.at = Date.now();
    entry.next = recount(projectId)
      .then((counts) => (entry.last = counts))
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
  const { task, reviewedToday } = await claimNext(access, skipItemIds);
  return { task, progress: { today: reviewedToday, ...(await countOpenItems(access.projectId)) } };
}

/** An item's gold value; leads only (annotators review independently of it). */
export async function goldFor(access: ProjectAccess, itemId: number) {
  if (access.role !== "LEAD") return null;
  const db = await getDb();
  return db.goldLabel.findFirst({ where: { itemId, projectId: access.projectId }, select: { value: true, source: true } });
}
