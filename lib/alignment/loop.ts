// "Let it run up to N rounds": propose from the best version so far, test, and go on only while
// each round brings a significant gain, within a spend cap. One step per job: the job comes back
// every few seconds while a test's runs are going (waiting is a delayed job, not a loop in a
// process), so a restart loses nothing. The loop never promotes: the lead reads the rounds and
// uses the best version. Each round's test is one more look at the held-out set, held to its own
// level (lib/alignment/stats.ts), so the loop cannot wear the held-out set out.
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { accessOfUser, type ProjectAccess } from "@/lib/auth/access";
import { enqueue } from "@/lib/jobs/define";
import { alignmentQueue } from "@/lib/alignment/job-queues";
import { proposeFromCorrections } from "@/lib/alignment/propose";
import { testRound } from "@/lib/alignment/test-round";
import { evaluateRound, runsInProgress, type TestResult } from "@/lib/alignment/evaluate";
import { testEstimate } from "@/lib/alignment/queries";
import { createRun } from "@/lib/runs/create-run";
import { answeredOnProposerPart, assignSplit } from "@/lib/alignment/sql";
import { estimateRun } from "@/lib/runs/estimate";

export type LoopInput = { versionId: string; proposerModel: string; maxRounds: number; capUsd: number };

export async function startLoop(access: ProjectAccess, input: LoopInput) {
  const db = await getDb();
  const version = await db.promptVersion.findFirst({
    where: { id: input.versionId, projectId: access.projectId, learnerTrainingId: null, externalSource: null },
  });
  if (!version) throw new AppError("NOT_FOUND", "Prompt version not found.");
  if (await db.alignmentLoop.count({ where: { projectId: access.projectId, status: "RUNNING" } }))
    throw new AppError("CONFLICT", "A loop is already running in this project: wait for it to stop.");
  const loop = await db.alignmentLoop.create({
    data: {
      projectId: access.projectId,
      startVersionId: version.id,
      bestVersionId: version.id,
      proposerModel: input.proposerModel,
      maxRounds: input.maxRounds,
      capUsd: input.capUsd,
      createdById: access.userId,
    },
  });
  await enqueue(alignmentQueue, { projectId: access.projectId, loopId: loop.id });
  return loop;
}

/** How long a step may hold its loop (a proposal and starting two runs take seconds). */
const STEP_LEASE_MS = 5 * 60_000;

/**
 * One step of the loop; "again" while a test's runs go on. A step holds the loop's lease: a second
 * job for it (a retry after a crash) comes back later instead of proposing twice.
 */
export async function advanceLoop(projectId: string, loopId: string): Promise<"again" | "done"> {
  const db = await getDb();
  const now = new Date();
  const claimed = await db.alignmentLoop.updateMany({
    where: { id: loopId, projectId, status: "RUNNING", OR: [{ leasedUntil: null }, { leasedUntil: { lt: now } }] },
    data: { leasedUntil: new Date(now.getTime() + STEP_LEASE_MS) },
  });
  if (!claimed.count) return (await db.alignmentLoop.count({ where: { id: loopId, status: "RUNNING" } })) ? "again" : "done";
  try {
    return await step(projectId, loopId);
  } finally {
    await db.alignmentLoop.update({ where: { id: loopId }, data: { leasedUntil: null } });
  }
}

async function step(projectId: string, loopId: string): Promise<"again" | "done"> {
  const db = await getDb();
  const loop = await db.alignmentLoop.findFirstOrThrow({ where: { id: loopId, projectId } });
  const rounds = await db.alignmentRound.findMany({ where: { projectId, loopId }, orderBy: { number: "asc" } });
  const last = rounds.at(-1);
  if (last?.status === "TESTING") {
    if ((await evaluateRound(projectId, last.id)) === "waiting") return "again";
    return step(projectId, loopId);
  }
  const spent = await spentBy(projectId, loopId);
  await db.alignmentLoop.update({ where: { id: loop.id }, data: { spentUsd: spent } });
  if (last) {
    const result = last.result as TestResult | null;
    if (last.status !== "TESTED" || !result) return stop(loop.id, `round ${last.number} was ${last.status.toLowerCase()} outside the loop`);
    if (!result.significant)
      return stop(loop.id, `round ${last.number} brought no significant gain (p = ${result.pValue.toPrecision(2)}, level ${result.alpha})`);
    await db.alignmentLoop.update({ where: { id: loop.id }, data: { bestVersionId: last.candidateVersionId! } });
  }
  if (rounds.length >= loop.maxRounds) return stop(loop.id, `${loop.maxRounds} rounds done`);
  let access: ProjectAccess;
  try {
    access = await accessOfUser(loop.createdById, projectId, { role: "LEAD" });
  } catch {
    return stop(loop.id, "the lead who started it is no longer a lead of the project");
  }
  const best = last?.candidateVersionId ?? loop.bestVersionId;
  try {
    // A candidate answered only the held-out items: its mistakes on the proposer's part are what the next proposal learns from.
    const answering = await answerProposerPart(access, best, loop.capUsd - spent);
    if (answering === "running") return "again";
    if (answering !== "ready") return stop(loop.id, answering);
    const round = await proposeFromCorrections(access, { versionId: best, proposerModel: loop.proposerModel, loopId, maxUsd: loop.capUsd - spent });
    const estimate = await testEstimate(access, round.id);
    const left = loop.capUsd - spent - round.proposalCostUsd;
    if (!estimate || estimate.worstCaseUsd > left) {
      return stop(
        loop.id,
        `round ${round.number}'s test could cost up to $${(estimate?.worstCaseUsd ?? 0).toFixed(4)}, more than the $${Math.max(0, left).toFixed(4)} left of the cap (its draft is kept: test it by hand)`,
      );
    }
    await testRound(access, round.id);
  } catch (err) {
    if (err instanceof AppError) return stop(loop.id, err.message);
    throw err;
  }
  return "again";
}

async function stop(loopId: string, reason: string): Promise<"done"> {
  const db = await getDb();
  const loop = await db.alignmentLoop.findUniqueOrThrow({ where: { id: loopId } });
  await db.alignmentLoop.update({
    where: { id: loopId },
    data: { status: "DONE", stopReason: reason, finishedAt: new Date(), spentUsd: await spentBy(loop.projectId, loopId) },
  });
  return "done";
}

/**
 * "ready" when the version has answers on the proposer's part of the gold; else starts (or waits
 * for) a run over the gold it has not answered, if its worst case fits what is left of the cap.
 */
async function answerProposerPart(access: ProjectAccess, versionId: string, leftUsd: number): Promise<"ready" | "running" | string> {
  const db = await getDb();
  const { projectId } = access;
  if (await runsInProgress(projectId, [versionId])) return "running";
  await db.$executeRaw(assignSplit(projectId));
  const [{ n: answered }] = await db.$queryRaw<{ n: number }[]>(answeredOnProposerPart(projectId, versionId));
  if (answered > 0) return "ready";
  const version = await db.promptVersion.findUniqueOrThrow({ where: { id: versionId }, select: { number: true } });
  const estimate = await estimateRun(access, { promptVersionId: versionId, selection: { kind: "GOLD" }, mode: "DIRECT" });
  if (estimate.items === 0) return `version ${version.number} has no gold left to answer on the proposer's part`;
  if (estimate.worstCaseUsd > leftUsd)
    return `running version ${version.number} on the proposer's part of the gold could cost up to $${estimate.worstCaseUsd.toFixed(4)}, more than the $${Math.max(0, leftUsd).toFixed(4)} left of the cap`;
  await createRun(access, { promptVersionId: versionId, selection: { kind: "GOLD" }, mode: "DIRECT", concurrency: 8 });
  return "running";
}

/**
 * What the loop spent: its proposals, every answer of the candidates its rounds made, and the
 * starting version's answers since the loop began (its tests' share of the parent's runs).
 */
async function spentBy(projectId: string, loopId: string): Promise<number> {
  const db = await getDb();
  const loop = await db.alignmentLoop.findUniqueOrThrow({ where: { id: loopId }, select: { startVersionId: true, createdAt: true } });
  const rounds = await db.alignmentRound.findMany({ where: { projectId, loopId }, select: { proposalCostUsd: true, candidateVersionId: true } });
  const candidates = rounds.flatMap((r) => (r.candidateVersionId ? [r.candidateVersionId] : []));
  const [c, s] = await Promise.all([
    db.suggestion.aggregate({ where: { projectId, promptVersionId: { in: candidates } }, _sum: { costUsd: true } }),
    db.suggestion.aggregate({ where: { projectId, promptVersionId: loop.startVersionId, createdAt: { gte: loop.createdAt } }, _sum: { costUsd: true } }),
  ]);
  return rounds.reduce((sum, r) => sum + r.proposalCostUsd, 0) + Number(c._sum.costUsd ?? 0) + Number(s._sum.costUsd ?? 0);
}

export async function listLoops(access: ProjectAccess) {
  const db = await getDb();
  const loops = await db.alignmentLoop.findMany({ where: { projectId: access.projectId }, orderBy: { createdAt: "desc" }, take: 10 });
  const numbers = new Map(
    (
      await db.promptVersion.findMany({
        where: { projectId: access.projectId, id: { in: loops.flatMap((l) => [l.startVersionId, l.bestVersionId]) } },
        select: { id: true, number: true },
      })
    ).map((v) => [v.id, v.number]),
  );
  return loops.map((l) => ({
    id: l.id,
    status: l.status as "RUNNING" | "DONE",
    startNumber: numbers.get(l.startVersionId) ?? null,
    bestNumber: numbers.get(l.bestVersionId) ?? null,
    proposerModel: l.proposerModel,
    maxRounds: l.maxRounds,
    capUsd: l.capUsd,
    spentUsd: l.spentUsd,
    stopReason: l.stopReason,
    createdAt: l.createdAt.toISOString(),
  }));
}
