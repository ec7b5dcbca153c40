// Synthesis jobs for a project's leads: start one (checked against the project: an active label, a
// task type that has one label per text, a configured model), list them with what was dropped and
// why, pause, resume and cancel one.
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ProjectAccess } from "@/lib/auth/access";
import { cancelLeasedRow } from "@/lib/jobs/cancel";
import { enqueue } from "@/lib/jobs/define";
import { synthesisQueue } from "@/lib/synthesis/job-queues";
import { llmConfigured } from "@/lib/llm/client";
import type { SynthesisInput } from "@/lib/synthesis/schemas";
import { taskTypeDef } from "@/lib/task-types";

export async function startSynthesis(access: ProjectAccess, input: SynthesisInput) {
  const type = taskTypeDef(access.project.taskType);
  if (!type.capabilities.synthesis)
    throw new AppError(
      "VALIDATION",
      `Synthesis writes texts for a label; it does not apply to ${type.title.toLowerCase()} projects (it writes neither spans nor pairs).`,
    );
  if (!access.project.labels.includes(input.label))
    throw new AppError("VALIDATION", "Choose one of the project's labels.", { label: "Not an active label of this project" });
  if (!llmConfigured()) throw new AppError("BAD_REQUEST", "ANTHROPIC_API_KEY is not set on the server: synthesis cannot start.");
  const { label, count, modelId, maxSimilarity, mode, ...attributes } = input;
  const db = await getDb();
  const job = await db.synthesisJob.create({
    data: { projectId: access.projectId, label, count, modelId, mode, attributes: { ...attributes, maxSimilarity }, createdById: access.userId },
    select: { id: true, status: true },
  });
  await enqueue(synthesisQueue, { jobId: job.id, projectId: access.projectId });
  return job;
}

export async function listSynthesisJobs(access: ProjectAccess, opts: { drops?: number } = {}) {
  const db = await getDb();
  const jobs = await db.synthesisJob.findMany({
    where: { projectId: access.projectId },
    orderBy: { createdAt: "desc" },
    take: 50,
    include: { drops: { orderBy: { id: "asc" }, take: opts.drops ?? 20, select: { text: true, reason: true, similarTo: true, similarity: true } } },
  });
  return jobs.map(({ runnerToken, heartbeatAt, ...j }) => {
    void runnerToken;
    void heartbeatAt;
    return { ...j, costUsd: Number(j.costUsd), reservedUsd: Number(j.reservedUsd) };
  });
}

export async function cancelSynthesis(access: ProjectAccess, jobId: string) {
  await cancelLeasedRow("SynthesisJob", jobId, access.projectId, "Synthesis job");
  // An open batch is cancelled at the API and its cost settled by the worker (lib/synthesis/run-job.ts).
  const db = await getDb();
  const job = await db.synthesisJob.findUniqueOrThrow({ where: { id: jobId }, select: { batchId: true } });
  if (job.batchId) await enqueue(synthesisQueue, { jobId, projectId: access.projectId });
}

/**
 * Pausing takes the lease away (the job stops before its next request, keeping what it imported);
 * resuming queues it again, and it goes on from the texts it still owes.
 */
export async function pauseSynthesis(access: ProjectAccess, jobId: string, pause: boolean) {
  const db = await getDb();
  const from = pause ? ["QUEUED", "RUNNING"] : ["PAUSED"];
  const changed = await db.synthesisJob.updateMany({
    where: { id: jobId, projectId: access.projectId, status: { in: from } },
    data: pause ? { status: "PAUSED", runnerToken: null } : { status: "QUEUED", error: null },
  });
  if (!changed.count) {
    const job = await db.synthesisJob.findFirst({ where: { id: jobId, projectId: access.projectId }, select: { status: true } });
    if (!job) throw new AppError("NOT_FOUND", "Synthesis job not found.");
    throw new AppError(
      "CONFLICT",
      `This job is ${job.status.toLowerCase()}: only a ${pause ? "waiting or running job can be paused" : "paused job can be resumed"}.`,
    );
  }
  if (!pause) await enqueue(synthesisQueue, { jobId, projectId: access.projectId });
}
