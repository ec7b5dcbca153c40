// Testing a proposal: the (possibly edited) draft becomes a trial prompt version, and it and its
// parent are run on the held-out part of the gold, through the ordinary runs (estimate, budgets,
// pause, cancel all apply). The test's place in the sequence of tests on this held-out set is
// fixed now, before any answer is seen, and with it the level it is held to (lib/alignment/stats).
import { getDatabase, getDb } from "@/lib/db";
import { AppError, mapPrismaError } from "@/lib/errors";
import type { ProjectAccess } from "@/lib/auth/access";
import { logAuditEvent } from "@/lib/audit/log";
import { sql } from "@/lib/db/sql";
import type { SqlSession } from "@/lib/db/sql-session";
import { promptVersionSchema } from "@/lib/prompts/schemas";
import { promptSettingsSchema } from "@/lib/llm/settings";
import { createRun } from "@/lib/runs/create-run";
import { alphaForLook } from "@/lib/alignment/stats";
import { assignSplit, splitCounts, type SplitCounts } from "@/lib/alignment/sql";
import { enqueue } from "@/lib/jobs/define";
import { alignmentQueue } from "@/lib/alignment/job-queues";

export type TestEdits = { instructions?: string; labelDescriptions?: Record<string, string> };

export async function testRound(access: ProjectAccess, roundId: string, edits: TestEdits = {}) {
  const db = await getDb();
  const { projectId } = access;
  const round = await db.alignmentRound.findFirst({ where: { id: roundId, projectId } });
  if (!round) throw new AppError("NOT_FOUND", "Proposal not found.");
  if (round.status !== "DRAFT") throw new AppError("CONFLICT", `Round ${round.number} was already ${round.status.toLowerCase()}.`);
  const parent = await db.promptVersion.findFirstOrThrow({ where: { id: round.parentVersionId, projectId } });
  const instructions = (edits.instructions ?? round.instructions).trim();
  const labelDescriptions = { ...(round.labelDescriptions as Record<string, string>), ...edits.labelDescriptions };
  const input = promptVersionSchema.parse({
    modelId: parent.modelId,
    strategy: parent.strategy,
    instructions,
    settings: promptSettingsSchema.parse(parent.settings),
  });
  // Gold reviewed since the proposal joins the split now: the proposer never saw it either way.
  await db.$executeRaw(assignSplit(projectId));
  const [{ heldOut }] = await db.$queryRaw<SplitCounts[]>(splitCounts(projectId));
  if (!heldOut) throw new AppError("VALIDATION", "The held-out part of the gold is empty: review more items before testing.");

  const provenance = {
    kind: "proposed-from-corrections",
    round: round.number,
    roundId: round.id,
    parentNumber: parent.number,
    corrections: round.corrections,
    proposerModel: round.proposerModel,
    proposedAt: round.createdAt.toISOString(),
    edited: instructions !== round.instructions || JSON.stringify(labelDescriptions) !== JSON.stringify(round.labelDescriptions),
  };
  // Claiming the round, numbering its test and saving the candidate are one transaction under the
  // project's lock: two tests started at once cannot share a level, and a failure leaves the draft.
  const database = await getDatabase();
  const { candidate, look, alpha } = await database
    .rawTransaction(async (tx) => {
      const look = await nextLook(tx, projectId);
      const claimed = await tx.query(sql`UPDATE "AlignmentRound" SET status = 'TESTING' WHERE id = ${round.id} AND status = 'DRAFT' RETURNING id`);
      if (!claimed.length) throw new AppError("CONFLICT", `Round ${round.number} is already being tested.`);
      const [candidate] = await tx.query<{ id: string; number: number }>(
        sql`INSERT INTO "PromptVersion" (id, "projectId", number, "modelId", strategy, instructions, settings, "createdById", trial, "parentId", "labelDescriptions", provenance)
            SELECT ${crypto.randomUUID()}, ${projectId}, coalesce(max(number), 0) + 1, ${input.modelId}, ${input.strategy}::"PromptStrategy", ${input.instructions},
                   ${JSON.stringify(input.settings)}::jsonb, ${access.userId}, true, ${parent.id}, ${JSON.stringify(labelDescriptions)}::jsonb, ${JSON.stringify(provenance)}::jsonb
            FROM "PromptVersion" WHERE "projectId" = ${projectId}
            RETURNING id, number`,
      );
      const alpha = alphaForLook(look);
      await tx.query(
        sql`UPDATE "AlignmentRound" SET "candidateVersionId" = ${candidate.id}, instructions = ${instructions}, "labelDescriptions" = ${JSON.stringify(labelDescriptions)}::jsonb,
                   look = ${look}, alpha = ${alpha}
            WHERE id = ${round.id}`,
      );
      await logAuditEvent(tx, {
        projectId,
        actorId: access.userId,
        itemId: null,
        kind: "alignment.tested",
        data: { round: round.number, parent: parent.number, candidate: candidate.number, look, alpha },
      });
      return { candidate, look, alpha };
    })
    .catch((err) => {
      throw mapPrismaError(err, "Someone saved a prompt version at the same moment. Try again.");
    });
  await startRunsOrUndo(access, [parent.id, candidate.id], () =>
    database.rawTransaction(async (tx) => {
      await tx.query(sql`UPDATE "AlignmentRound" SET status = 'DRAFT', "candidateVersionId" = NULL, look = NULL, alpha = NULL WHERE id = ${round.id}`);
      await tx.query(sql`DELETE FROM "PromptVersion" WHERE id = ${candidate.id}`);
    }),
  );
  await enqueue(alignmentQueue, { roundId: round.id, projectId });
  return { roundId: round.id, candidateVersionId: candidate.id, look, alpha, heldOut };
}

/**
 * The next test's number on the project's held-out set, under the project's row lock (one
 * transaction at a time numbers a test; the lock is released when the caller's transaction ends).
 */
export async function nextLook(tx: SqlSession, projectId: string): Promise<number> {
  await tx.query(sql`SELECT 1 FROM "Project" WHERE id = ${projectId} FOR UPDATE`);
  const [{ look }] = await tx.query<{ look: number }>(
    sql`SELECT coalesce(max(look), 0)::int + 1 AS look FROM "AlignmentRound" WHERE "projectId" = ${projectId}`,
  );
  return look;
}

/**
 * Starts the held-out runs; if one cannot start, undoes what the test wrote (the look is given
 * back) and rethrows. A parent's run that did start goes on: its answers serve any later test.
 */
export async function startRunsOrUndo(access: ProjectAccess, versionIds: string[], undo: () => Promise<void>) {
  try {
    for (const versionId of versionIds) await startHeldOutRun(access, versionId);
  } catch (err) {
    await undo();
    throw err;
  }
}

/** A run over the held-out items this version has not answered yet (none left: nothing to start). */
export async function startHeldOutRun(access: ProjectAccess, promptVersionId: string) {
  try {
    await createRun(access, { promptVersionId, selection: { kind: "HELD_OUT" }, mode: "DIRECT", concurrency: 8 });
  } catch (err) {
    // Nothing left to answer, or a run of the version is already going (its answers count when it ends).
    if (err instanceof AppError && ((err.code === "VALIDATION" && /No items to pre-label/.test(err.message)) || err.code === "CONFLICT")) return;
    throw err;
  }
}
