// Pause, resume and cancel. The worker notices a status change within about half a second, lets
// the requests already out finish, and gives unanswered items back to the queue.
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { requireProjectRole } from "@/lib/auth/project-role";
import { enqueueRun } from "@/lib/jobs/queues";

async function transition(userId: string, projectId: string, runId: string, from: string[], to: "PAUSED" | "CANCELLED" | "QUEUED") {
  await requireProjectRole(userId, projectId, "LEAD");
  const db = await getDb();
  const res = await db.run.updateMany({
    where: { id: runId, projectId, status: { in: from as never[] } },
    data: to === "QUEUED" ? { status: to, error: null, runnerToken: null, finishedAt: null } : { status: to, runnerToken: null, finishedAt: to === "CANCELLED" ? new Date() : null },
  });
  if (res.count !== 1) {
    const run = await db.run.findFirst({ where: { id: runId, projectId }, select: { status: true } });
    if (!run) throw new AppError("NOT_FOUND", "Run not found.");
    throw new AppError("CONFLICT", `The run is ${run.status.toLowerCase()}; it cannot be ${to === "QUEUED" ? "resumed" : to.toLowerCase()} now.`);
  }
}

export const pauseRun = (userId: string, projectId: string, runId: string) => transition(userId, projectId, runId, ["QUEUED", "RUNNING"], "PAUSED");
export const cancelRun = (userId: string, projectId: string, runId: string) => transition(userId, projectId, runId, ["QUEUED", "RUNNING", "PAUSED", "STOPPED"], "CANCELLED");

/** Resumes a paused run, or a stopped one (after the budget was raised, say). */
export async function resumeRun(userId: string, projectId: string, runId: string) {
  await transition(userId, projectId, runId, ["PAUSED", "STOPPED"], "QUEUED");
  await enqueueRun(runId);
}

export async function setProjectBudget(userId: string, projectId: string, budgetUsd: number | null) {
  await requireProjectRole(userId, projectId, "LEAD");
  if (budgetUsd !== null && (!Number.isFinite(budgetUsd) || budgetUsd < 0)) throw new AppError("VALIDATION", "The budget must be a positive amount.", { budgetUsd: "Enter an amount in dollars" });
  const db = await getDb();
  await db.project.update({ where: { id: projectId }, data: { budgetUsd } });
}
