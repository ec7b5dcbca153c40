// The learner-training job: claims its row, reads the data, trains and scores (scoreboard.ts,
// yielding to the event loop as it goes), and stores the scores and both model files. Only the
// latest KEEP_MODELS trainings keep their model files; older rows keep their scores.
import { getDatabase, getDb } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { humanGold, llmLabeled } from "@/lib/learner/data";
import { trainAndScore } from "@/lib/learner/scoreboard";
import { refreshLearnerQueue } from "@/lib/learner/queue";
import type { TaskType } from "@/lib/learner/train";
import { log } from "@/lib/observability/log";

const KEEP_MODELS = 2;

export async function runLearnerTraining(trainingId: string): Promise<"done" | "failed" | "not-claimed"> {
  const db = await getDb();
  const claimed = await db.learnerTraining.updateMany({ where: { id: trainingId, status: "QUEUED" }, data: { status: "RUNNING", startedAt: new Date() } });
  if (!claimed.count) return "not-claimed";
  const row = await db.learnerTraining.findUniqueOrThrow({
    where: { id: trainingId },
    select: { projectId: true, project: { select: { taskType: true, labels: { select: { name: true }, orderBy: { position: "asc" } } } } },
  });
  try {
    const database = await getDatabase();
    const { gold, llm } = await database.rawTransaction(async (tx) => ({ gold: await humanGold(tx, row.projectId), llm: await llmLabeled(tx, row.projectId) }));
    const result = await trainAndScore({ gold, llm, labels: row.project.labels.map((l) => l.name), taskType: row.project.taskType as TaskType });
    await db.learnerTraining.update({
      where: { id: trainingId },
      data: {
        status: "READY",
        finishedAt: new Date(),
        goldItems: gold.length,
        llmItems: llm.length,
        // Plain JSON (numbers, strings, arrays) by construction: the casts only drop the TypeScript types.
        scores: result.scoreboard as object,
        goldModel: result.goldFile as object,
        distilledModel: (result.distilledFile ?? undefined) as object | undefined,
        foldModels: result.foldFiles as object,
      },
    });
    // The review queue's learner orders follow the new model. The training stands even if this
    // fails (the orders keep the previous scores until the next training).
    await refreshLearnerQueue(row.projectId, result.goldFile).catch((err) => log.error(`[learner ${trainingId}] the queue was not rescored`, { err }));
    await database.query(
      sql`UPDATE "LearnerTraining" SET "goldModel" = NULL, "distilledModel" = NULL, "foldModels" = NULL
          WHERE "projectId" = ${row.projectId} AND status = 'READY' AND "goldModel" IS NOT NULL
            AND id NOT IN (SELECT id FROM "LearnerTraining" WHERE "projectId" = ${row.projectId} AND status = 'READY' ORDER BY "createdAt" DESC LIMIT ${KEEP_MODELS})`,
    );
    return "done";
  } catch (err) {
    log.error(`[learner ${trainingId}]`, { err });
    await db.learnerTraining.update({
      where: { id: trainingId },
      data: { status: "FAILED", finishedAt: new Date(), error: (err as Error).message.slice(0, 500) },
    });
    return "failed";
  }
}
