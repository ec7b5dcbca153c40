// Rounds as the Pre-labeling page and the API show them: newest first, with the versions' numbers,
// the proposal's changes and, once tested, the frozen result.
import { getDb } from "@/lib/db";
import type { ProjectAccess } from "@/lib/auth/access";
import type { TestResult } from "@/lib/alignment/evaluate";
import type { Proposal } from "@/lib/alignment/proposer";

export type RoundView = Awaited<ReturnType<typeof listRounds>>[number];

export async function listRounds(access: ProjectAccess, opts: { take?: number } = {}) {
  const db = await getDb();
  const rounds = await db.alignmentRound.findMany({ where: { projectId: access.projectId }, orderBy: { number: "desc" }, take: opts.take ?? 50 });
  const ids = [...new Set(rounds.flatMap((r) => [r.parentVersionId, ...(r.candidateVersionId ? [r.candidateVersionId] : [])]))];
  const versions = await db.promptVersion.findMany({ where: { projectId: access.projectId, id: { in: ids } }, select: { id: true, number: true, instructions: true, labelDescriptions: true } });
  const byId = new Map(versions.map((v) => [v.id, v]));
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
    createdAt: r.createdAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
  }));
}
