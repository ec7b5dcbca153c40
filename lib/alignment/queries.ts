// Rounds as the Pre-labeling page and the API show them: newest first, with the versions' numbers,
// the proposal's changes and, once tested, the frozen result.
import { getDb } from "@/lib/db";
import type { ProjectAccess } from "@/lib/auth/access";
import type { TestResult } from "@/lib/alignment/evaluate";
import type { Proposal } from "@/lib/alignment/proposer";
import { estimateForVersion } from "@/lib/runs/estimate";
import type { Acquisition } from "@/lib/alignment/acquire";
import { splitCounts, type SplitCounts } from "@/lib/alignment/sql";

export type RoundView = Awaited<ReturnType<typeof listRounds>>[number];

export async function listRounds(access: ProjectAccess, opts: { take?: number } = {}) {
  const db = await getDb();
  const rounds = await db.alignmentRound.findMany({ where: { projectId: access.projectId }, orderBy: { number: "desc" }, take: opts.take ?? 50 });
  const ids = [...new Set(rounds.flatMap((r) => [r.parentVersionId, ...(r.candidateVersionId ? [r.candidateVersionId] : [])]))];
  const versions = await db.promptVersion.findMany({
    where: { projectId: access.projectId, id: { in: ids } },
    select: { id: true, number: true, instructions: true, labelDescriptions: true },
  });
  const byId = new Map(versions.map((v) => [v.id, v]));
  const reviewed = await reviewedFirst(
    access.projectId,
    rounds.filter((r) => r.acquisition).map((r) => r.id),
  );
  return rounds.map((r) => ({
    id: r.id,
    number: r.number,
    status: r.status as "DRAFT" | "TESTING" | "TESTED" | "PROMOTED" | "DISCARDED",
    parentVersionId: r.parentVersionId,
    parentNumber: byId.get(r.parentVersionId)?.number ?? null,
    parentInstructions: byId.get(r.parentVersionId)?.instructions ?? "",
    candidateVersionId: r.candidateVersionId,
    candidateNumber: r.candidateVersionId ? (byId.get(r.candidateVersionId)?.number ?? null) : null,
    instructions: r.instructions,
    labelDescriptions: r.labelDescriptions as Record<string, string>,
    changes: r.changes as Proposal["changes"],
    corrections: r.corrections,
    proposerModel: r.proposerModel,
    proposalCostUsd: r.proposalCostUsd,
    look: r.look,
    alpha: r.alpha,
    result: r.result as TestResult | null,
    acquisition: r.acquisition ? { ...(r.acquisition as Acquisition), reviewed: reviewed.get(r.id) ?? 0 } : null,
    createdAt: r.createdAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
  }));
}

/**
 * What testing a draft will cost, before it starts: the candidate answers every held-out item, the
 * parent those it has not answered yet (expected and worst case, as the run form shows them).
 */
export async function testEstimate(access: ProjectAccess, roundId: string) {
  const db = await getDb();
  const round = await db.alignmentRound.findFirst({ where: { id: roundId, projectId: access.projectId } });
  if (!round || round.status !== "DRAFT") return null;
  const parent = await db.promptVersion.findFirstOrThrow({ where: { id: round.parentVersionId, projectId: access.projectId } });
  const selection = { kind: "HELD_OUT" as const };
  const draft = {
    ...parent,
    id: `draft-${round.id}`,
    instructions: round.instructions,
    labelDescriptions: round.labelDescriptions,
    prefixHash: null,
    prefixTokens: null,
  };
  const [p, c] = await Promise.all([
    estimateForVersion(access, parent, { selection, mode: "DIRECT" }),
    estimateForVersion(access, draft, { selection, mode: "DIRECT" }),
  ]);
  return {
    heldOut: c.items,
    parentItems: p.items,
    expectedUsd: p.expectedUsd + c.expectedUsd,
    worstCaseUsd: p.worstCaseUsd + c.worstCaseUsd,
    budget: c.budget,
  };
}

/** How the gold is split so far (nothing before the first proposal). */
export async function splitSummary(access: ProjectAccess): Promise<SplitCounts> {
  const db = await getDb();
  const [row] = await db.$queryRaw<SplitCounts[]>(splitCounts(access.projectId));
  return row;
}

/** Per round: how many of the items it sent to review first have gold now. */
async function reviewedFirst(projectId: string, roundIds: string[]): Promise<Map<string, number>> {
  if (!roundIds.length) return new Map();
  const db = await getDb();
  const rows = await db.alignmentSplit.groupBy({
    by: ["roundId"],
    where: { projectId, roundId: { in: roundIds }, reviewFirst: true, item: { gold: { isNot: null } } },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.roundId!, r._count._all]));
}
