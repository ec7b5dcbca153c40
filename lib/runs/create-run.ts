// Starting a run: fixes the set of items it covers (RunItem rows, written by one INSERT ... SELECT
// in the database) and queues the job that works through them. At most one run per prompt version
// is active at a time (a partial unique index, Run_one_active_per_version), and a run never covers
// an item that already has this version's answer, so no item is billed twice for one version.
import { getDatabase, getDb } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { rowsChanged } from "@/lib/db/sql-session";
import { AppError, mapPrismaError } from "@/lib/errors";
import type { ProjectAccess } from "@/lib/auth/access";
import { llmConfigured } from "@/lib/llm/client";
import type { StartRunInput } from "@/lib/runs/schemas";
import { insertRunItems, selectionWhere } from "@/lib/runs/sql";
import { enqueue } from "@/lib/jobs/define";
import { runQueue } from "@/lib/runs/job-queues";

export async function createRun(access: ProjectAccess, input: StartRunInput) {
  if (!llmConfigured()) throw new AppError("BAD_REQUEST", "ANTHROPIC_API_KEY is not set on the server: pre-labeling cannot start.");
  const { promptVersionId, selection, mode, concurrency } = input;
  const db = await getDb();
  const version = await db.promptVersion.findFirst({
    where: { id: promptVersionId, projectId: access.projectId },
    select: { id: true, number: true, learnerTrainingId: true, externalSource: true },
  });
  if (!version) throw new AppError("NOT_FOUND", "Prompt version not found.");
  if (version.learnerTrainingId) throw new AppError("VALIDATION", `Version ${version.number} stands for the task learner's answers: it has no prompt to run.`);
  if (version.externalSource)
    throw new AppError("VALIDATION", `Version ${version.number} holds the imported predictions of "${version.externalSource}": it has no prompt to run.`);

  const database = await getDatabase();
  const runId = await database
    .rawTransaction(async (tx) => {
      const [created] = await tx.query<{ id: string }>(
        sql`INSERT INTO "Run" (id, "projectId", "promptVersionId", selection, mode, concurrency, "createdById")
            VALUES (${crypto.randomUUID()}, ${access.projectId}, ${promptVersionId}, ${JSON.stringify(selection)}::jsonb, ${mode}::"RunMode", ${concurrency}, ${access.userId})
            RETURNING id`,
      );
      const total = await rowsChanged(tx, insertRunItems(created.id, selectionWhere(access.projectId, promptVersionId, selection)));
      if (total === 0)
        throw new AppError(
          "VALIDATION",
          `No items to pre-label: every item in this selection already has a suggestion from prompt version ${version.number}, or none matches.`,
        );
      await tx.query(sql`UPDATE "Run" SET "totalItems" = ${total} WHERE id = ${created.id}`);
      return created.id;
    })
    .catch((err) => {
      throw mapPrismaError(err, `Prompt version ${version.number} already has an active run. Wait for it, or pause or cancel it, before starting another.`);
    });
  const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
  await enqueue(runQueue, { runId: run.id, projectId: access.projectId });
  return run;
}
