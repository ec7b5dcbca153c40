// Starting a run: fixes the set of items it covers (RunItem rows, written by one INSERT ... SELECT
// in the database) and queues the job that works through them.
import { getDb } from "@/lib/db";
import { AppError, fieldErrorsFrom } from "@/lib/errors";
import { requireProjectRole } from "@/lib/auth/project-role";
import { llmConfigured } from "@/lib/llm/client";
import { startRunSchema, type Selection } from "@/lib/runs/schemas";
import { enqueueRun } from "@/lib/jobs/queues";

function selectionSql(selection: Selection, promptVersionId: string, params: unknown[]): string {
  // $1 = project id; every other value is pushed as it is used.
  const where = [`i."projectId" = $1`];
  if (selection.kind === "MISSING") {
    params.push(promptVersionId);
    where.push(`NOT EXISTS (SELECT 1 FROM "Suggestion" s WHERE s."itemId" = i.id AND s."promptVersionId" = $${params.length} AND s.status = 'OK')`);
  } else if (selection.kind === "GOLD") {
    where.push(`EXISTS (SELECT 1 FROM "GoldLabel" g WHERE g."itemId" = i.id)`);
  } else {
    if (selection.status) {
      params.push(selection.status);
      where.push(`i.status = $${params.length}::"ItemStatus"`);
    }
    if (selection.q) {
      params.push(`%${selection.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`i.text ILIKE $${params.length}`);
    }
  }
  return where.join(" AND ");
}

export async function createRun(args: { userId: string; projectId: string; input: unknown }) {
  await requireProjectRole(args.userId, args.projectId, "LEAD");
  const parsed = startRunSchema.safeParse(args.input);
  if (!parsed.success) throw new AppError("VALIDATION", "Check the run settings.", fieldErrorsFrom(parsed.error.issues));
  if (!llmConfigured()) throw new AppError("BAD_REQUEST", "ANTHROPIC_API_KEY is not set on the server: pre-labeling cannot start.");
  const { promptVersionId, selection, mode, concurrency } = parsed.data;
  const db = await getDb();
  const version = await db.promptVersion.findFirst({ where: { id: promptVersionId, projectId: args.projectId }, select: { id: true } });
  if (!version) throw new AppError("NOT_FOUND", "Prompt version not found.");

  return db.$transaction(async (tx) => {
    const run = await tx.run.create({
      data: { projectId: args.projectId, promptVersionId, selection, mode, concurrency, createdById: args.userId },
    });
    const params: unknown[] = [args.projectId];
    const where = selectionSql(selection, promptVersionId, params);
    params.push(run.id);
    const total = await tx.$executeRawUnsafe(
      `INSERT INTO "RunItem" ("runId", "itemId") SELECT $${params.length}, i.id FROM "Item" i WHERE ${where}`,
      ...params,
    );
    if (total === 0) throw new AppError("VALIDATION", "No items match this selection: nothing to pre-label.");
    return tx.run.update({ where: { id: run.id }, data: { totalItems: total } });
  }).then(async (run) => {
    await enqueueRun(run.id);
    return run;
  });
}
