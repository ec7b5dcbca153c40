import { getDb } from "@/lib/db";
import type { Caller, ProjectAccess } from "@/lib/auth/access";

export type ItemCounts = { total: number; prelabeled: number; reviewed: number };
const emptyCounts = (): ItemCounts => ({ total: 0, prelabeled: 0, reviewed: 0 });

/**
 * Item counts per project from the (projectId, status, id) index: an index-only scan that never
 * reads item text or metadata.
 */
export async function countItemsByProject(projectIds: string[]): Promise<Map<string, ItemCounts>> {
  const out = new Map(projectIds.map((id) => [id, emptyCounts()]));
  if (!projectIds.length) return out;
  const db = await getDb();
  const rows = await db.item.groupBy({ by: ["projectId", "status"], where: { projectId: { in: projectIds } }, _count: { _all: true } });
  for (const r of rows) {
    const c = out.get(r.projectId)!;
    const n = r._count._all;
    c.total += n;
    // A reviewed item was pre-labeled too when it had a suggestion; "pre-labeled" counts items
    // whose latest state is PRELABELED or beyond.
    if (r.status === "PRELABELED" || r.status === "REVIEWED") c.prelabeled += n;
    if (r.status === "REVIEWED") c.reviewed += n;
  }
  return out;
}

export async function listProjectsForUser(caller: Caller, opts: { archived?: boolean } = {}) {
  const db = await getDb();
  const memberships = await db.membership.findMany({
    where: { userId: caller.userId, project: { archivedAt: opts.archived ? { not: null } : null } },
    include: { project: { select: { id: true, name: true, description: true, taskType: true, createdAt: true, archivedAt: true } } },
    orderBy: { project: { createdAt: "desc" } },
  });
  const counts = await countItemsByProject(memberships.map((m) => m.projectId));
  return memberships.map((m) => ({ ...m.project, role: m.role, counts: counts.get(m.projectId)! }));
}

/** The project with its labels (active ones in `labels`, retired ones apart), for any member. */
export async function getProject(access: ProjectAccess) {
  const db = await getDb();
  const project = await db.project.findFirstOrThrow({
    where: { id: access.projectId },
    include: { labels: { orderBy: { position: "asc" } } },
  });
  const counts = (await countItemsByProject([access.projectId])).get(access.projectId)!;
  const { labels, ...rest } = project;
  return {
    ...rest,
    labels: labels.filter((l) => !l.retiredAt),
    retiredLabels: labels.filter((l) => l.retiredAt),
    role: access.role,
    counts,
  };
}

export async function listMembers(access: ProjectAccess) {
  const db = await getDb();
  return db.membership.findMany({
    where: { projectId: access.projectId },
    include: { user: { select: { id: true, name: true, email: true } } },
    orderBy: [{ role: "asc" }, { createdAt: "asc" }],
  });
}

/**
 * A page of the projects the caller belongs to (for the API), keyset-paged by project id: `after`
 * is the last id of the previous page. With each: the caller's role, and item counts if asked.
 */
export async function pageProjectsForUser(caller: Caller, opts: { after?: string; limit: number; archived: boolean; counts: boolean }) {
  const db = await getDb();
  const memberships = await db.membership.findMany({
    where: { userId: caller.userId, project: { archivedAt: opts.archived ? { not: null } : null }, ...(opts.after ? { projectId: { gt: opts.after } } : {}) },
    include: { project: { select: { id: true, name: true, description: true, taskType: true, createdAt: true, archivedAt: true } } },
    orderBy: { projectId: "asc" },
    take: opts.limit + 1,
  });
  const page = memberships.slice(0, opts.limit);
  // Counting reads each project's status index end to end (about 150 ms at a million items): only on request.
  const counts = opts.counts ? await countItemsByProject(page.map((m) => m.projectId)) : null;
  return {
    projects: page.map((m) => ({ ...m.project, role: m.role, ...(counts ? { counts: counts.get(m.projectId)! } : {}) })),
    nextAfter: memberships.length > opts.limit ? page[page.length - 1].projectId : null,
  };
}
