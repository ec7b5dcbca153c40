// Applying auto-accept as a job of the one engine. A settings save, a finished run or an audit
// that resumed a paused version asks for an apply and returns at once; the job prepares (one short
// transaction, lib/gold/auto-accept.ts) and then walks the project's item ids window by window,
// each window committing its accepted labels together with the job's progress, so a killed worker
// resumes after the last committed window and nothing is ever half-applied. A newer request
// supersedes a queued or running one: the older one's next window finds its row taken and stops.
import { getDatabase, getDb } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { Lease } from "@/lib/jobs/lease";
import { enqueue } from "@/lib/jobs/define";
import { applyQueue } from "@/lib/gold/job-queues";
import { acceptWindow, logApplied, prepareApply, type ApplyPlan, type ApplyResult } from "@/lib/gold/auto-accept";

export const APPLY_LEASE_SECONDS = 60;

export type ApplyReason = "settings" | "run" | "audit";

/** What the pages show of an apply: where it is, and what it did. */
export type ApplyProgress = {
  id: string;
  status: string;
  reason: ApplyReason;
  accepted: number;
  audited: number;
  /** AUTO labels in the project once it is done (null while it runs). */
  totalAccepted: number | null;
  /** 0 to 1 through the project's items, null before the plan is made. */
  progress: number | null;
  summary: ApplySummary | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
};

/** The outcome in numbers the pages put in words. */
export type ApplySummary = {
  /** False when no prompt version has labeled anything yet: there is nothing to certify. */
  hasCertificate?: boolean;
  certified: boolean;
  threshold: number | null;
  calibrated: number | null;
  moreBlindNeeded: number | null;
  /** With per-label budgets: how many labels are certified, of how many. */
  labels: { certified: number; of: number } | null;
  paused: string | null;
  resumed: boolean;
  accepting: boolean;
  look: number | null;
};

/** Queues an apply for the project (superseding any still queued or running) and returns its id. */
export async function requestApply(projectId: string, requestedById: string | null, reason: ApplyReason): Promise<string> {
  const database = await getDatabase();
  const id = crypto.randomUUID();
  await database.rawTransaction(async (tx) => {
    await tx.query(
      sql`UPDATE "AutoAcceptApply" SET status = 'SUPERSEDED', "runnerToken" = NULL, "finishedAt" = now() WHERE "projectId" = ${projectId} AND status IN ('QUEUED', 'RUNNING')`,
    );
    await tx.query(sql`INSERT INTO "AutoAcceptApply" (id, "projectId", "requestedById", reason) VALUES (${id}, ${projectId}, ${requestedById}, ${reason})`);
  });
  await enqueue(applyQueue, { applyId: id, projectId });
  return id;
}

const summarize = (r: ApplyResult, plan: ApplyPlan | null): ApplySummary => ({
  hasCertificate: r.certificate !== null,
  certified: Boolean(r.certificate && (r.certificate.perLabel ? r.certificate.perLabel.some((l) => l.threshold !== null) : r.certificate.threshold !== null)),
  threshold: r.certificate?.threshold ?? null,
  calibrated: r.certificate?.calibratedThreshold ?? null,
  moreBlindNeeded: r.certificate?.moreBlindNeeded ?? null,
  labels: r.certificate?.perLabel ? { certified: r.certificate.perLabel.filter((l) => l.threshold !== null).length, of: r.certificate.perLabel.length } : null,
  paused: r.paused,
  resumed: r.resumed,
  accepting: plan?.accept ?? false,
  look: r.certificate?.look ?? null,
});

/**
 * The job: claims the row, prepares once, then accepts window by window. "not-claimed": another
 * worker has it, or it is over. `opts` are for tests: a smaller window, and a worker that dies
 * (stops without a word, its lease left to run out) after some windows.
 */
export async function runApply(applyId: string, opts: { window?: number; dieAfterWindows?: number } = {}): Promise<"done" | "not-claimed" | "lost" | "died"> {
  const lease = await Lease.claim("AutoAcceptApply", applyId, APPLY_LEASE_SECONDS, { set: sql`attempts = attempts + 1` });
  if (!lease) return "not-claimed";
  lease.keepAlive();
  try {
    const db = await getDb();
    const row = await db.autoAcceptApply.findUniqueOrThrow({
      where: { id: applyId },
      select: { projectId: true, requestedById: true, plan: true, cursor: true, summary: true },
    });
    let plan = row.plan as ApplyPlan | null;
    let cursor = row.cursor;
    if (cursor === null) {
      const prepared = await prepareApply(row.projectId, row.requestedById, opts.window);
      plan = prepared.plan;
      cursor = plan ? plan.fromId - 1 : 0;
      const saved = await db.autoAcceptApply.updateMany({
        where: { id: applyId, runnerToken: lease.token },
        data: {
          plan: (plan ?? undefined) as object | undefined,
          summary: summarize(prepared.result, plan),
          cursor,
          ...(plan ? {} : { status: "DONE", finishedAt: new Date() }),
        },
      });
      if (!saved.count) return "lost";
      if (!plan) return "done";
    }
    return await walk(applyId, row.projectId, row.requestedById, plan!, cursor, lease, opts.dieAfterWindows);
  } catch (err) {
    const db = await getDb();
    await db.autoAcceptApply.updateMany({
      where: { id: applyId, runnerToken: lease.token },
      data: { status: "FAILED", error: (err as Error).message.slice(0, 500), finishedAt: new Date() },
    });
    throw err;
  } finally {
    lease.stop();
  }
}

/** Window after window, each one transaction with the job's progress; stops when the row is no longer this runner's. */
async function walk(
  applyId: string,
  projectId: string,
  actorId: string | null,
  plan: ApplyPlan,
  from: number,
  lease: Lease,
  dieAfter = Infinity,
): Promise<"done" | "lost" | "died"> {
  const database = await getDatabase();
  for (let after = from, windows = 0; after < plan.toId; windows++) {
    if (windows >= dieAfter) return "died";
    const moved = await database
      .rawTransaction(async (tx) => {
        const w = await acceptWindow(tx, projectId, plan, after);
        const [mine] = await tx.query<{ id: string }>(
          sql`UPDATE "AutoAcceptApply" SET cursor = ${w.next}, accepted = accepted + ${w.accepted}, audited = audited + ${w.audited}, "heartbeatAt" = now()
            WHERE id = ${applyId} AND "runnerToken" = ${lease.token} AND status = 'RUNNING' RETURNING id`,
        );
        if (!mine) throw new LostLease();
        return w;
      })
      .catch((err) => {
        if (err instanceof LostLease) return null;
        throw err;
      });
    if (!moved) return "lost";
    after = moved.next;
    await new Promise<void>((resolve) => setImmediate(resolve)); // the web process may share this worker
  }
  await finish(applyId, projectId, actorId, lease);
  return "done";
}

class LostLease extends Error {}

/** Done: the row says so, and the audit log records the whole apply in one event. */
async function finish(applyId: string, projectId: string, actorId: string | null, lease: Lease) {
  const database = await getDatabase();
  await database.rawTransaction(async (tx) => {
    const [r] = await tx.query<{ accepted: number; audited: number }>(
      sql`UPDATE "AutoAcceptApply" SET status = 'DONE', "finishedAt" = now() WHERE id = ${applyId} AND "runnerToken" = ${lease.token} RETURNING accepted, audited`,
    );
    if (!r || (!r.accepted && !r.audited)) return;
    const [p] = await tx.query<{ certificate: Parameters<typeof logApplied>[3] | null; budget: number | null }>(
      sql`SELECT "autoAcceptCertificate" AS certificate, "errorBudget" AS budget FROM "Project" WHERE id = ${projectId}`,
    );
    if (p?.certificate && p.budget !== null) await logApplied(tx, projectId, actorId, p.certificate, p.budget, r);
  });
}

/** The project's latest apply, for Settings and Quality (null before any). */
export async function latestApply(projectId: string): Promise<ApplyProgress | null> {
  const db = await getDb();
  const a = await db.autoAcceptApply.findFirst({ where: { projectId, status: { not: "SUPERSEDED" } }, orderBy: { createdAt: "desc" } });
  if (!a) return null;
  const plan = a.plan as ApplyPlan | null;
  const span = plan ? Math.max(1, plan.toId - plan.fromId + 1) : null;
  const totalAccepted = a.status === "DONE" ? await db.goldLabel.count({ where: { projectId, source: "AUTO" } }) : null;
  const progress = a.status === "DONE" ? 1 : plan && span && a.cursor !== null ? Math.min(1, Math.max(0, (a.cursor - plan.fromId + 1) / span)) : null;
  return {
    id: a.id,
    status: a.status,
    reason: a.reason as ApplyReason,
    accepted: a.accepted,
    audited: a.audited,
    totalAccepted,
    progress,
    summary: a.summary as ApplySummary | null,
    error: a.error,
    createdAt: a.createdAt.toISOString(),
    finishedAt: a.finishedAt?.toISOString() ?? null,
  };
}
