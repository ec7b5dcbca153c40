// "Review where they disagree first": when a test could not decide, the items that can tell the
// two versions apart are those where their answers differ (on the others both are right or both
// wrong: a paired test learns nothing from them). Unreviewed items are reserved as held out, both
// versions label them, and the ones they disagree on go to the top of the review queue, shown
// without either suggestion. The lead then tests again: a new look at the held-out set, held to
// its own level (lib/alignment/stats.ts), on all held-out gold both versions answered.
import { getDatabase, getDb } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { AppError } from "@/lib/errors";
import type { ProjectAccess } from "@/lib/auth/access";
import type { TaskType } from "@/lib/values/value";
import { enqueue } from "@/lib/jobs/define";
import { alignmentQueue } from "@/lib/alignment/job-queues";
import { logAuditEvent } from "@/lib/audit/log";
import { alphaForLook } from "@/lib/alignment/stats";
import { runsInProgress } from "@/lib/alignment/evaluate";
import { nextLook, startHeldOutRun, startRunsOrUndo } from "@/lib/alignment/test-round";
import { assignSplit, markDisagreements, reserveForReview } from "@/lib/alignment/sql";

export type Acquisition = { items: number; disagreements: number | null; at: string };

export async function acquireForReview(access: ProjectAccess, roundId: string, count: number) {
  const db = await getDb();
  const { projectId } = access;
  const round = await db.alignmentRound.findFirst({ where: { id: roundId, projectId } });
  if (!round) throw new AppError("NOT_FOUND", "Proposal not found.");
  if (round.status !== "TESTED" || !round.candidateVersionId) throw new AppError("CONFLICT", `Round ${round.number} has no finished test to add items to.`);
  const items = await db.$executeRaw(reserveForReview({ projectId, roundId: round.id, count }));
  if (!items) throw new AppError("VALIDATION", "No unreviewed items are left in the queue to compare the two versions on.");
  const acquisition: Acquisition = { items, disagreements: null, at: new Date().toISOString() };
  await db.alignmentRound.update({ where: { id: round.id }, data: { acquisition } });
  for (const versionId of [round.parentVersionId, round.candidateVersionId]) await startHeldOutRun(access, versionId);
  await enqueue(alignmentQueue, { projectId, roundId: round.id, acquire: true });
  return acquisition;
}

/** Once both versions have answered the reserved items, marks those they disagree on ("waiting" until then). */
export async function settleAcquisition(projectId: string, roundId: string): Promise<"waiting" | "done"> {
  const db = await getDb();
  const round = await db.alignmentRound.findFirst({ where: { id: roundId, projectId } });
  const acquisition = round?.acquisition as Acquisition | null;
  if (!round?.candidateVersionId || !acquisition || acquisition.disagreements !== null) return "done";
  const versions = [round.parentVersionId, round.candidateVersionId];
  if (await runsInProgress(projectId, versions)) return "waiting";
  const project = await db.project.findUniqueOrThrow({ where: { id: projectId }, select: { taskType: true } });
  const disagreements = await db.$executeRaw(
    markDisagreements({ projectId, roundId, parentId: round.parentVersionId, candidateId: round.candidateVersionId, taskType: project.taskType as TaskType }),
  );
  await db.alignmentRound.update({ where: { id: round.id }, data: { acquisition: { ...acquisition, disagreements } } });
  return "done";
}

/** Tests the round again on the held-out gold as it is now: the next look, at the next level. */
export async function retestRound(access: ProjectAccess, roundId: string) {
  const db = await getDb();
  const { projectId } = access;
  const round = await db.alignmentRound.findFirst({ where: { id: roundId, projectId } });
  if (!round) throw new AppError("NOT_FOUND", "Proposal not found.");
  if (round.status !== "TESTED" || !round.candidateVersionId) throw new AppError("CONFLICT", `Round ${round.number} has no finished test to repeat.`);
  const earlier = [
    ...(((round.result as { earlier?: unknown[] } | null)?.earlier ?? []) as unknown[]),
    { ...(round.result as object), earlier: undefined, look: round.look },
  ];
  const database = await getDatabase();
  const { look, alpha } = await database.rawTransaction(async (tx) => {
    const look = await nextLook(tx, projectId);
    const alpha = alphaForLook(look);
    const claimed = await tx.query(
      sql`UPDATE "AlignmentRound" SET status = 'TESTING', look = ${look}, alpha = ${alpha}, result = ${JSON.stringify({ earlier })}::jsonb
          WHERE id = ${round.id} AND status = 'TESTED' RETURNING id`,
    );
    if (!claimed.length) throw new AppError("CONFLICT", `Round ${round.number} is already being tested.`);
    await logAuditEvent(tx, {
      projectId,
      actorId: access.userId,
      itemId: null,
      kind: "alignment.tested",
      data: { round: round.number, again: true, look, alpha },
    });
    return { look, alpha };
  });
  // Gold reviewed since joins the split (the reserved items are held out already).
  await db.$executeRaw(assignSplit(projectId));
  await startRunsOrUndo(access, [round.parentVersionId, round.candidateVersionId], async () => {
    await db.alignmentRound.update({
      where: { id: round.id },
      data: { status: "TESTED", look: round.look, alpha: round.alpha, result: round.result ?? undefined },
    });
  });
  await enqueue(alignmentQueue, { projectId, roundId: round.id });
  return { look, alpha };
}
