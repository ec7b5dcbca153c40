// Pause, resume and cancel. The worker notices a status change within about half a second, lets
// the requests already out finish, and gives unanswered items back to the queue. Cancelling a
// batch-mode run also cancels its open batches at the API (lib/runs/cancel-batches.ts).
import { getDatabase, getDb } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { rowsChanged } from "@/lib/db/sql-session";
import { AppError, mapPrismaError } from "@/lib/errors";
import type { ProjectAccess } from "@/lib/auth/access";
import { enqueue } from "@/lib/jobs/define";
import { runQueue } from "@/lib/runs/job-queues";

async function transition(access: ProjectAccess, runId: string, from: string[], to: "PAUSED" | "CANCELLED" | "QUEUED") {
  const db = await getDb();
  const res = await db.run
    .updateMany({
      where: { id: runId, projectId: access.projectId, status: { in: from as never[] } },
      data:
        to === "QUEUED"
          ? { status: to, error: null, runnerToken: null, finishedAt: null }
          : { status: to, runnerToken: null, finishedAt: to === "CANCELLED" ? new Date() : null },
    })
    .catch((err) => {
      throw mapPrismaError(err, "Another run of this prompt version is active. Wait for it, or pause or cancel it, before resuming this one.");
    });
  if (res.count !== 1) {
    const run = await db.run.findFirst({ where: { id: runId, projectId: access.projectId }, select: { status: true } });
    if (!run) throw new AppError("NOT_FOUND", "Run not found.");
    throw new AppError("CONFLICT", `The run is ${run.status.toLowerCase()}; it cannot be ${to === "QUEUED" ? "resumed" : to.toLowerCase()} now.`);
  }
}

export const pauseRun = (access: ProjectAccess, runId: string) => transition(access, runId, ["QUEUED", "RUNNING"], "PAUSED");
export async function cancelRun(access: ProjectAccess, runId: string) {
  await transition(access, runId, ["QUEUED", "RUNNING", "PAUSED", "STOPPED"], "CANCELLED");
  const db = await getDb();
  const run = await db.run.findFirst({ where: { id: runId, projectId: access.projectId }, select: { batchIds: true } });
  if (run?.batchIds.length) await enqueue(runQueue, { runId, projectId: access.projectId, action: "cancel-batches" });
}

/** Resumes a paused run, or a stopped one (after the budget was raised, say). */
export async function resumeRun(access: ProjectAccess, runId: string) {
  await transition(access, runId, ["PAUSED", "STOPPED"], "QUEUED");
  await enqueue(runQueue, { runId, projectId: access.projectId });
}

/**
 * A finished (or stopped) run's failed items go back in its queue and the run goes again: the lead's
 * "Retry the N failed items". Each gets a new answer in place of its failed one. Returns how many.
 */
export async function retryFailedItems(access: ProjectAccess, runId: string): Promise<number> {
  const database = await getDatabase();
  const n = await database.rawTransaction(async (tx) => {
    const [run] = await tx.query<{ status: string }>(
      sql`SELECT status::text AS status FROM "Run" WHERE id = ${runId} AND "projectId" = ${access.projectId} FOR UPDATE`,
    );
    if (!run) throw new AppError("NOT_FOUND", "Run not found.");
    if (!["DONE", "STOPPED", "PAUSED"].includes(run.status))
      throw new AppError("CONFLICT", `The run is ${run.status.toLowerCase()}: its failed items are retried once it has finished.`);
    const count = await rowsChanged(tx, sql`UPDATE "RunItem" SET status = 'PENDING', "lockedUntil" = NULL WHERE "runId" = ${runId} AND status = 'FAILED'`);
    if (!count) throw new AppError("CONFLICT", "This run has no failed items.");
    await tx.query(
      sql`UPDATE "Run" SET status = 'QUEUED', "failedItems" = "failedItems" - ${count}, error = NULL, "runnerToken" = NULL, "finishedAt" = NULL WHERE id = ${runId}`,
    );
    return count;
  });
  await enqueue(runQueue, { runId, projectId: access.projectId });
  return n;
}

export async function setProjectBudget(access: ProjectAccess, budgetUsd: number | null) {
  const db = await getDb();
  await db.project.update({ where: { id: access.projectId }, data: { budgetUsd } });
}
