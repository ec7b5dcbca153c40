import { getDb } from "@/lib/db";
import type { ProjectAccess } from "@/lib/auth/access";
import { AppError } from "@/lib/errors";
import { failureReasons, type FailureReasonRow } from "@/lib/runs/sql";

export type RunView = Awaited<ReturnType<typeof listRuns>>[number];

const toView = <
  T extends {
    inputTokens: bigint;
    outputTokens: bigint;
    cacheReadTokens: bigint;
    cacheWriteTokens: bigint;
    costUsd: unknown;
    cascadeSavedUsd: unknown;
    startedAt: Date | null;
    totalItems: number;
    doneItems: number;
    failedItems: number;
  },
>(
  r: T,
) => {
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
    cascadeSavedUsd: Number(r.cascadeSavedUsd),
    remaining: r.totalItems - finished,
    etaSeconds: rate > 0 ? Math.round((r.totalItems - finished) / rate) : null,
  };
};

export async function listRuns(access: ProjectAccess) {
  const db = await getDb();
  const rows = await db.run.findMany({
    where: { projectId: access.projectId },
    orderBy: { createdAt: "desc" },
    take: 20,
    include: { promptVersion: { select: { number: true, modelId: true } } },
    omit: { runnerToken: true },
  });
  const groups = await failureGroups(rows.filter((r) => r.failedItems > 0).map((r) => r.id));
  return rows.map((r) => ({ ...toView(r), failures: groups.get(r.id) ?? [] }));
}

/** The most frequent reasons first; past the first few, one "other reasons" line keeps the card short. */
const SHOWN_REASONS = 4;
export type FailureGroup = { reason: string; count: number };

async function failureGroups(runIds: string[]): Promise<Map<string, FailureGroup[]>> {
  const byRun = new Map<string, FailureGroup[]>();
  if (!runIds.length) return byRun;
  const db = await getDb();
  for (const row of await db.$queryRaw<FailureReasonRow[]>(failureReasons(runIds))) {
    const list = byRun.get(row.runId) ?? [];
    list.push({ reason: row.reason, count: row.count });
    byRun.set(row.runId, list);
  }
  for (const [runId, list] of byRun) {
    if (list.length <= SHOWN_REASONS) continue;
    const rest = list.slice(SHOWN_REASONS - 1).reduce((n, g) => n + g.count, 0);
    byRun.set(runId, [...list.slice(0, SHOWN_REASONS - 1), { reason: `${list.length - SHOWN_REASONS + 1} other reasons`, count: rest }]);
  }
  return byRun;
}

export async function getRun(access: ProjectAccess, runId: string) {
  const db = await getDb();
  const run = await db.run.findFirst({
    where: { id: runId, projectId: access.projectId },
    include: { promptVersion: { select: { number: true, modelId: true } } },
    omit: { runnerToken: true },
  });
  if (!run) throw new AppError("NOT_FOUND", "Run not found.");
  const groups = run.failedItems > 0 ? await failureGroups([run.id]) : new Map<string, FailureGroup[]>();
  return { ...toView(run), failures: groups.get(run.id) ?? [] };
}

export async function getBudget(access: ProjectAccess) {
  const db = await getDb();
  const p = await db.project.findFirstOrThrow({ where: { id: access.projectId }, select: { budgetUsd: true, spentUsd: true } });
  return { budgetUsd: p.budgetUsd === null ? null : Number(p.budgetUsd), spentUsd: Number(p.spentUsd) };
}

/** The latest suggestion for an item (any prompt version), for the item page. */
export async function latestSuggestion(access: ProjectAccess, itemId: number) {
  if (access.role !== "LEAD") return null; // annotators meet suggestions in review only
  const db = await getDb();
  return db.suggestion.findFirst({
    where: { projectId: access.projectId, itemId },
    orderBy: { createdAt: "desc" },
    include: { promptVersion: { select: { number: true } } },
  });
}
