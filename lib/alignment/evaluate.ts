// The verdict of a test: once neither version has a run in progress, the two are compared item by
// item on the held-out gold both answered, and the result is frozen on the round (the level was
// fixed when the test started). Called by the round's job (lib/alignment/job.ts) until it is done.
import { getDatabase, getDb } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import type { TaskType } from "@/lib/values/value";
import { pairedDifference, wilson } from "@/lib/stats/measures";
import { decide } from "@/lib/alignment/stats";
import { pairedOnHeldOut, perLabelOnHeldOut, splitCounts, type LabelChangeRow, type PairedRow, type SplitCounts } from "@/lib/alignment/sql";

/** A run of any of these versions is queued, running or paused: its answers are not all in yet. */
export async function runsInProgress(projectId: string, versionIds: string[]): Promise<boolean> {
  const db = await getDb();
  return (await db.run.count({ where: { projectId, promptVersionId: { in: versionIds }, status: { in: ["QUEUED", "RUNNING", "PAUSED"] } } })) > 0;
}

/** `earlier`: the verdicts of this round's earlier looks, when it was tested again after more reviews. */
/** `heldOut`: held-out gold items at the time (some may lack an answer from either version: `n` counts those both answered). */
export type TestResult = ReturnType<typeof summarize> & {
  costUsd: number;
  heldOut: number;
  perLabel: LabelChangeRow[];
  earlier?: (Omit<TestResult, "earlier"> & { look: number | null })[];
};

export function summarize(p: PairedRow, alpha: number) {
  const decision = decide(p.n, p.onlyParent, p.onlyCandidate, alpha);
  const parentRight = p.bothRight + p.onlyParent;
  const candidateRight = p.bothRight + p.onlyCandidate;
  const discordant = p.onlyParent + p.onlyCandidate;
  // At the rate items disagree now, how many more held-out gold items would bring the discordant count a decision needs.
  const moreGoldNeeded =
    decision.significant || decision.discordantNeeded === null || discordant === 0
      ? null
      : Math.ceil(((decision.discordantNeeded - discordant) * p.n) / discordant);
  return {
    ...decision,
    bothRight: p.bothRight,
    parentAccuracy: p.n ? parentRight / p.n : null,
    candidateAccuracy: p.n ? candidateRight / p.n : null,
    parentInterval: wilson(parentRight, p.n),
    candidateInterval: wilson(candidateRight, p.n),
    difference: pairedDifference(p.onlyParent, p.onlyCandidate, p.n),
    moreGoldNeeded,
  };
}

/** "waiting" while a run of either version is in progress; else the frozen result. */
export async function evaluateRound(projectId: string, roundId: string): Promise<"waiting" | "done"> {
  const db = await getDb();
  const round = await db.alignmentRound.findFirst({ where: { id: roundId, projectId } });
  if (!round || round.status !== "TESTING" || !round.candidateVersionId || round.alpha === null) return "done";
  const versions = [round.parentVersionId, round.candidateVersionId];
  if (await runsInProgress(projectId, versions)) return "waiting";
  const project = await db.project.findUniqueOrThrow({ where: { id: projectId }, select: { taskType: true } });
  const a = { projectId, parentId: round.parentVersionId, candidateId: round.candidateVersionId, taskType: project.taskType as TaskType };
  const [[paired], perLabel, [{ heldOut }], cost] = await Promise.all([
    db.$queryRaw<PairedRow[]>(pairedOnHeldOut(a)),
    db.$queryRaw<LabelChangeRow[]>(perLabelOnHeldOut(a)),
    db.$queryRaw<SplitCounts[]>(splitCounts(projectId)),
    testCost(projectId, round.candidateVersionId, round.parentVersionId),
  ]);
  const earlier = (round.result as Pick<TestResult, "earlier"> | null)?.earlier;
  const result: TestResult = { ...summarize(paired, round.alpha), costUsd: cost, heldOut, perLabel, ...(earlier ? { earlier } : {}) };
  const test = {
    n: result.n,
    onlyParent: result.onlyParent,
    onlyCandidate: result.onlyCandidate,
    pValue: result.pValue,
    alpha: result.alpha,
    significant: result.significant,
  };
  // The round is frozen once: the candidate's provenance gets the test only from the job that froze it.
  const database = await getDatabase();
  await database.rawTransaction(async (tx) => {
    const frozen = await tx.query(
      sql`UPDATE "AlignmentRound" SET status = 'TESTED', result = ${JSON.stringify(result)}::jsonb WHERE id = ${round.id} AND status = 'TESTING' RETURNING id`,
    );
    if (!frozen.length) return;
    await tx.query(
      sql`UPDATE "PromptVersion" SET provenance = coalesce(provenance, '{}'::jsonb) || jsonb_build_object('test', ${JSON.stringify(test)}::jsonb) WHERE id = ${a.candidateId}`,
    );
  });
  return "done";
}

/** What the test spent: every answer of the candidate, and the parent's answers on held-out items since the candidate was made. */
async function testCost(projectId: string, candidateId: string, parentId: string): Promise<number> {
  const db = await getDb();
  const candidate = await db.promptVersion.findUniqueOrThrow({ where: { id: candidateId }, select: { createdAt: true } });
  const [c, p] = await Promise.all([
    db.suggestion.aggregate({ where: { projectId, promptVersionId: candidateId }, _sum: { costUsd: true } }),
    db.suggestion.aggregate({ where: { projectId, promptVersionId: parentId, createdAt: { gte: candidate.createdAt } }, _sum: { costUsd: true } }),
  ]);
  return Number(c._sum.costUsd ?? 0) + Number(p._sum.costUsd ?? 0);
}
