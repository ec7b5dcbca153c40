import { getDb } from "@/lib/db";
import { requireProjectRole } from "@/lib/auth/project-role";
import { AppError } from "@/lib/errors";

export type RunView = Awaited<ReturnType<typeof listRuns>>[number];

const toView = <T extends { inputTokens: bigint; outputTokens: bigint; cacheReadTokens: bigint; cacheWriteTokens: bigint; costUsd: unknown; startedAt: Date | null; totalItems: number; doneItems: number; failedItems: number }>(r: T) => {
  const finished = r.doneItems + r.failedItems;
  const elapsed = r.startedAt ? (Date.now() - r.startedAt.getTime()) / 1000 : 0;
  const rate = elapsed > 0 ? finished / elapsed : 0;
  return {
    ...r,
    inputTokens: Number(r.inputTokens),
    outputTokens: Number(r.outputTokens),
    cacheReadTokens: Number(r.cacheReadTokens),
    cacheWriteTokens: Number(r.cacheWriteTokens),
    costUsd: Number(r.costUsd),
    remaining: r.totalItems - finished,
    etaSeconds: rate > 0 ? Math.round((r.totalItems - finished) / rate) : null,
  };
};

export async function listRuns(userId: string, projectId: string) {
  await requireProjectRole(userId, projectId, "LEAD");
  const db = await getDb();
  const rows = await db.run.findMany({ where: { projectId }, orderBy: { createdAt: "desc" }, take: 20, include: { promptVersion: { select: { number: true, modelId: true } } } });
  return rows.map(toView);
}

export async function getRun(userId: string, projectId: string, runId: string) {
  await requireProjectRole(userId, projectId, "LEAD");
  const db = await getDb();
  const run = await db.run.findFirst({ where: { id: runId, projectId }, include: { promptVersion: { select: { number: true, modelId: true } } } });
  if (!run) throw new AppError("NOT_FOUND", "Run not found.");
  return toView(run);
}

export async function getBudget(userId: string, projectId: string) {
  await requireProjectRole(userId, projectId, "LEAD");
  const db = await getDb();
  const p = await db.project.findFirstOrThrow({ where: { id: projectId }, select: { budgetUsd: true, spentUsd: true } });
  return { budgetUsd: p.budgetUsd === null ? null : Number(p.budgetUsd), spentUsd: Number(p.spentUsd) };
}

/** The latest suggestion for an item (any prompt version), for the item page. */
export async function latestSuggestion(userId: string, projectId: string, itemId: number) {
  await requireProjectRole(userId, projectId, "LEAD");
  const db = await getDb();
  return db.suggestion.findFirst({
    where: { projectId, itemId },
    orderBy: { createdAt: "desc" },
    include: { promptVersion: { select: { number: true } } },
  });
}
