// "Use this version": only a candidate whose held-out test was significant at its level, and only
// while its parent (or the chain of significant candidates it descends from) still leads to the
// project's current prompt; a version saved by hand since then was not part of the comparison.
// The candidate's label descriptions become the project's, so the next version starts from them.
import { getDatabase, getDb } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { AppError } from "@/lib/errors";
import type { ProjectAccess } from "@/lib/auth/access";
import { logAuditEvent } from "@/lib/audit/log";
import { getCurrentPromptVersion } from "@/lib/prompts/queries";
import type { TestResult } from "@/lib/alignment/evaluate";

export async function promoteRound(access: ProjectAccess, roundId: string) {
  const db = await getDb();
  const { projectId } = access;
  const round = await db.alignmentRound.findFirst({ where: { id: roundId, projectId } });
  if (!round) throw new AppError("NOT_FOUND", "Proposal not found.");
  const result = round.result as TestResult | null;
  if (round.status !== "TESTED" || !result || !round.candidateVersionId)
    throw new AppError("CONFLICT", `Round ${round.number} has no finished test to act on.`);
  if (!result.significant)
    throw new AppError(
      "CONFLICT",
      `Round ${round.number}'s candidate was not shown better on the held-out gold (p = ${result.pValue.toPrecision(2)}, level ${result.alpha}).`,
    );
  const current = await getCurrentPromptVersion(access);
  if (!current || !(await descendsFrom(projectId, round.parentVersionId, current.id))) {
    throw new AppError(
      "CONFLICT",
      `Version ${current?.number ?? "?"} was saved after this test began: the test compared the candidate with another version. Propose again from the current one.`,
    );
  }
  const [candidate, parent] = await Promise.all([
    db.promptVersion.findUniqueOrThrow({ where: { id: round.candidateVersionId } }),
    db.promptVersion.findUniqueOrThrow({ where: { id: round.parentVersionId }, select: { number: true } }),
  ]);
  const descriptions = (candidate.labelDescriptions ?? {}) as Record<string, string>;
  const database = await getDatabase();
  await database.rawTransaction(async (tx) => {
    await tx.query(sql`UPDATE "PromptVersion" SET trial = false WHERE id = ${candidate.id}`);
    await tx.query(
      sql`UPDATE "Label" l SET description = d.value
          FROM jsonb_each_text(${JSON.stringify(descriptions)}::jsonb) d
          WHERE l."projectId" = ${projectId} AND l.name = d.key AND l."retiredAt" IS NULL`,
    );
    await tx.query(sql`UPDATE "AlignmentRound" SET status = 'PROMOTED', "decidedAt" = now() WHERE id = ${round.id}`);
    await logAuditEvent(tx, {
      projectId,
      actorId: access.userId,
      itemId: null,
      kind: "alignment.promoted",
      data: {
        round: round.number,
        parent: parent.number,
        candidate: candidate.number,
        n: result.n,
        onlyParent: result.onlyParent,
        onlyCandidate: result.onlyCandidate,
        pValue: result.pValue,
      },
    });
  });
  return { versionId: candidate.id, number: candidate.number };
}

/** The version, or a chain of candidates with significant tests above it, reaches `ancestorId`. */
async function descendsFrom(projectId: string, versionId: string, ancestorId: string): Promise<boolean> {
  const db = await getDb();
  let id: string | null = versionId;
  for (let depth = 0; id && depth < 50; depth++) {
    if (id === ancestorId) return true;
    const v: { parentId: string | null; trial: boolean } | null = await db.promptVersion.findFirst({
      where: { id, projectId },
      select: { parentId: true, trial: true },
    });
    if (!v?.trial) return false;
    const won = await db.alignmentRound.findFirst({ where: { projectId, candidateVersionId: id, status: "TESTED" }, select: { result: true } });
    if (!(won?.result as TestResult | null)?.significant) return false;
    id = v.parentId;
  }
  return false;
}

export async function discardRound(access: ProjectAccess, roundId: string) {
  const db = await getDb();
  const round = await db.alignmentRound.findFirst({ where: { id: roundId, projectId: access.projectId } });
  if (!round) throw new AppError("NOT_FOUND", "Proposal not found.");
  if (round.status !== "DRAFT" && round.status !== "TESTED")
    throw new AppError("CONFLICT", `Round ${round.number} is ${round.status.toLowerCase()}: it cannot be discarded now.`);
  const database = await getDatabase();
  await database.rawTransaction(async (tx) => {
    await tx.query(sql`UPDATE "AlignmentRound" SET status = 'DISCARDED', "decidedAt" = now() WHERE id = ${round.id}`);
    await logAuditEvent(tx, { projectId: access.projectId, actorId: access.userId, itemId: null, kind: "alignment.discarded", data: { round: round.number } });
  });
}
