// Auto-accept under an error budget. The lead states E ("at most E of auto-accepted labels wrong,
// with 95% confidence"); the certificate (lib/gold/certificate.ts) finds the lowest confidence
// threshold proved on the blind slice; suggestions at or above it on items nobody has reviewed
// become gold with source AUTO and leave the queue, except an audit share that goes to people,
// blind (lib/gold/audit.ts judges it). AUTO gold never measures the model (the triggers do not
// copy it onto suggestions); neither does audit gold.
//
// Applying has two parts. Preparing is one short transaction with the project row locked:
// certify (or keep the certificate in force, lib/gold/looks.ts), act on the audit, store the
// certificate and decide what to accept. Accepting then walks the project's items in windows of
// item ids, each window one transaction that locks only its own candidates (SKIP LOCKED, so a
// reviewer is never kept waiting) and records how far it got: a crash resumes after the last
// committed window, with nothing half-applied. The settings save and a finished run queue the
// apply as a job (lib/gold/apply-job.ts); tests and the job call the parts below.
import { getDatabase } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import type { SqlSession } from "@/lib/db/sql-session";
import { logAuditEvent } from "@/lib/audit/log";
import type { ProjectAccess } from "@/lib/auth/access";
import { AppError } from "@/lib/errors";
import { isSingleValued, type TaskType } from "@/lib/values/value";
import { acceptRule, candidates, certifyFor, type AutoAcceptCertificate } from "@/lib/gold/certificate";
import { actOnAudit, auditState, type AuditState, type ProjectAuditRow } from "@/lib/gold/audit";

export type { AutoAcceptCertificate, WhatIf } from "@/lib/gold/certificate";
export type { AuditState } from "@/lib/gold/audit";
export { acceptRule } from "@/lib/gold/certificate";

/** Item ids per accepting transaction: a few hundred milliseconds of work, so locks are short. */
export const APPLY_WINDOW = 20_000;

type ProjectRow = ProjectAuditRow & { auditShare: number; certificate: AutoAcceptCertificate | null };

const lockProject = (projectId: string) =>
  sql`SELECT "taskType"::text AS "taskType", "errorBudget", "autoAccept", "auditShare", "autoAcceptPausedAt" IS NOT NULL AS paused, "auditSince",
             "autoAcceptCertificate" AS certificate
      FROM "Project" WHERE id = ${projectId} FOR UPDATE`;

/** What an apply will accept: the version, the thresholds, whether to accept or only draw audit items (paused), and the item ids to walk. */
export type ApplyPlan = {
  versionId: string;
  threshold: number | null;
  perLabel?: { label: string; threshold: number | null }[];
  /** False while paused: the audit share is still drawn (so a paused version can recover), nothing is accepted. */
  accept: boolean;
  auditShare: number;
  fromId: number;
  toId: number;
  /** Item ids per window (APPLY_WINDOW; tests use small ones). */
  window: number;
};

export type ApplyResult = {
  certificate: AutoAcceptCertificate | null;
  accepted: number;
  audited: number;
  audit: AuditState | null;
  paused: string | null;
  resumed: boolean;
};

/**
 * Certifies (or keeps the certificate in force), acts on the audit, stores the certificate, and
 * plans the accepting walk. One transaction with the project row locked, so two applies take turns.
 */
export async function prepareApply(projectId: string, actorId: string | null, window = APPLY_WINDOW): Promise<{ result: ApplyResult; plan: ApplyPlan | null }> {
  const database = await getDatabase();
  return database.rawTransaction(async (tx) => {
    const [p] = await tx.query<ProjectRow>(lockProject(projectId));
    if (!p) throw new AppError("NOT_FOUND", "Project not found.");
    const certificate = await certifyFor(tx, projectId, p.errorBudget, p.taskType, p.certificate);
    const result: ApplyResult = { certificate, accepted: 0, audited: 0, audit: null, paused: null, resumed: false };
    if (!certificate) {
      await tx.query(sql`UPDATE "Project" SET "autoAcceptCertificate" = NULL WHERE id = ${projectId}`);
      return { result, plan: null };
    }
    if (p.certificate?.versionId !== certificate.versionId) await newVersionTakesOver(tx, projectId, p, actorId, certificate);
    Object.assign(result, await actOnAudit(tx, projectId, p, certificate.versionId, actorId));
    await tx.query(sql`UPDATE "Project" SET "autoAcceptCertificate" = ${JSON.stringify(certificate)}::jsonb WHERE id = ${projectId}`);
    const paused = (p.paused && !result.resumed) || result.paused !== null;
    if (!p.autoAccept || !acceptRule(certificate)) return { result, plan: null };
    const [range] = await tx.query<{ lo: number | null; hi: number | null }>(
      sql`SELECT min(id) AS lo, max(id) AS hi FROM "Item" WHERE "projectId" = ${projectId}`,
    );
    if (range.lo === null) return { result, plan: null };
    const plan: ApplyPlan = {
      versionId: certificate.versionId,
      threshold: certificate.threshold,
      ...(certificate.perLabel ? { perLabel: certificate.perLabel.map((l) => ({ label: l.label, threshold: l.threshold })) } : {}),
      accept: !paused,
      auditShare: p.auditShare,
      fromId: Number(range.lo),
      toId: Number(range.hi),
      window,
    };
    return { result, plan };
  });
}

/** Another version labeled the most items: its audit starts afresh, and a pause about the old version's labels is lifted. */
async function newVersionTakesOver(tx: SqlSession, projectId: string, p: ProjectRow, actorId: string | null, c: AutoAcceptCertificate) {
  await tx.query(sql`UPDATE "Project" SET "auditSince" = now(), "autoAcceptPausedAt" = NULL, "autoAcceptPauseReason" = NULL WHERE id = ${projectId}`);
  if (p.paused) {
    await logAuditEvent(tx, {
      projectId,
      actorId,
      itemId: null,
      kind: "autoaccept.resumed",
      data: { reason: `version ${c.versionNumber} took over`, version: c.versionNumber },
    });
  }
  Object.assign(p, { paused: false, auditSince: new Date() });
}

/**
 * One window of item ids (after, after + plan.window]: the candidates in it that the rule accepts,
 * locked (skipping any a reviewer holds); an audit share, drawn at random per item, is marked for
 * people; the rest (unless paused) get AUTO gold and leave the queue. Runs in the caller's
 * transaction; returns what it did and where the next window starts.
 */
export async function acceptWindow(
  tx: SqlSession,
  projectId: string,
  plan: ApplyPlan,
  after: number,
): Promise<{ accepted: number; audited: number; next: number }> {
  const rule = acceptRule(plan)!;
  const until = after + plan.window;
  // Only while auto-accept is still on and (for accepting) not paused: the audit may pause it mid-walk.
  const live = plan.accept ? sql`p."autoAccept" AND p."autoAcceptPausedAt" IS NULL` : sql`p."autoAccept"`;
  const [r] = await tx.query<{ accepted: number; audited: number }>(
    sql`WITH project AS (SELECT 1 FROM "Project" p WHERE p.id = ${projectId} AND ${live}),
        picked AS (
          SELECT i.id, s.value, random() < ${plan.auditShare}::float8 AS audit
          ${candidates(projectId, plan.versionId, rule)}
            -- The window on both sides of the join, so either table's index can walk it.
            AND i.id > ${after} AND i.id <= ${until} AND s."itemId" > ${after} AND s."itemId" <= ${until} AND EXISTS (SELECT 1 FROM project)
            AND NOT EXISTS (SELECT 1 FROM "ReviewAssignment" a WHERE a."itemId" = i.id AND a."doneAt" IS NULL AND a."leasedUntil" > now())
          FOR UPDATE OF i SKIP LOCKED),
        audited AS (UPDATE "Item" it SET "autoAudit" = true FROM picked WHERE it.id = picked.id AND picked.audit RETURNING 1),
        gold AS (INSERT INTO "GoldLabel" ("itemId", "projectId", value, source, blind, "updatedAt")
                 SELECT id, ${projectId}, value, 'AUTO', false, now() FROM picked WHERE NOT audit AND ${plan.accept} ON CONFLICT ("itemId") DO NOTHING RETURNING "itemId"),
        moved AS (UPDATE "Item" it SET "inQueue" = false, status = 'REVIEWED' FROM gold WHERE it.id = gold."itemId" RETURNING 1)
        SELECT (SELECT count(*) FROM moved)::int AS accepted, (SELECT count(*) FROM audited)::int AS audited`,
  );
  return { ...r, next: until };
}

/** What the audit log records of an apply: the thresholds (the pooled one, or one per label), the look, the counts. */
export async function logApplied(
  tx: SqlSession,
  projectId: string,
  actorId: string | null,
  c: AutoAcceptCertificate,
  budget: number,
  counts: { accepted: number; audited: number },
) {
  const thresholds = c.perLabel
    ? { perLabel: c.perLabel.map((l) => ({ label: l.label, threshold: l.threshold, calibrated: l.calibrated, budget: l.budget })) }
    : { threshold: c.threshold, calibrated: c.calibratedThreshold };
  await logAuditEvent(tx, {
    projectId,
    actorId,
    itemId: null,
    kind: "autoaccept.applied",
    data: { ...counts, ...thresholds, budget, version: c.versionNumber, look: c.look },
  });
}

/**
 * The whole apply in this process, window after window (tests, scripts): the job
 * (lib/gold/apply-job.ts) does the same with a lease and its progress on its row.
 */
export async function applyAutoAccept(projectId: string, actorId: string | null): Promise<ApplyResult> {
  const { result, plan } = await prepareApply(projectId, actorId);
  if (!plan) return result;
  const database = await getDatabase();
  for (let after = plan.fromId - 1; after < plan.toId;) {
    const w = await database.rawTransaction((tx) => acceptWindow(tx, projectId, plan, after));
    result.accepted += w.accepted;
    result.audited += w.audited;
    after = w.next;
  }
  if (result.accepted || result.audited)
    await database.rawTransaction((tx) => logApplied(tx, projectId, actorId, result.certificate!, result.certificate!.budget, result));
  return result;
}

/**
 * The audit check after people decide on audited items (the autoaccept-audit job): the same
 * verdict as on every apply, without certifying or accepting. Returns what changed: a pause (its
 * reason) or a resume (after which the caller queues an apply, to accept what waited).
 */
export async function checkAudit(projectId: string): Promise<{ paused: string | null; resumed: boolean }> {
  const database = await getDatabase();
  return database.rawTransaction(async (tx) => {
    const [p] = await tx.query<ProjectRow>(lockProject(projectId));
    if (!p || p.errorBudget === null || !p.certificate || !p.autoAccept) return { paused: null, resumed: false };
    const { paused, resumed } = await actOnAudit(tx, projectId, p, p.certificate.versionId, null);
    return { paused, resumed };
  });
}

/** For the Quality and Settings pages: the audit as it stands (nothing changes), or null when there is no certificate. */
export async function auditSummary(access: ProjectAccess): Promise<AuditState | null> {
  return projectAuditSummary(access.projectId);
}

/** The audit's state for a project already authorized (an export job's datasheet). */
export async function projectAuditSummary(projectId: string): Promise<AuditState | null> {
  const database = await getDatabase();
  return database.rawTransaction(async (tx) => {
    const [p] = await tx.query<{ taskType: TaskType; errorBudget: number | null; versionId: string | null; auditSince: Date | null }>(
      sql`SELECT "taskType"::text AS "taskType", "errorBudget", "autoAcceptCertificate"->>'versionId' AS "versionId", "auditSince" FROM "Project" WHERE id = ${projectId}`,
    );
    if (!p || p.errorBudget === null || !p.versionId) return null;
    return auditState(tx, { projectId, versionId: p.versionId, taskType: p.taskType, budget: p.errorBudget, since: p.auditSince });
  });
}

/** Lead: the AUTO labels given since the last good audit (all of them if none) go back to the review queue. */
export async function sendBackToReview(access: ProjectAccess): Promise<number> {
  const database = await getDatabase();
  return database.rawTransaction(async (tx) => {
    const [p] = await tx.query<{ since: Date | null }>(sql`SELECT "lastGoodAuditAt" AS since FROM "Project" WHERE id = ${access.projectId} FOR UPDATE`);
    const [r] = await tx.query<{ n: number }>(
      sql`WITH gone AS (DELETE FROM "GoldLabel" g WHERE g."projectId" = ${access.projectId} AND g.source = 'AUTO' ${p.since ? sql`AND g."updatedAt" > ${p.since}` : sql``} RETURNING "itemId"),
          back AS (UPDATE "Item" it SET "inQueue" = true, status = 'PRELABELED' FROM gone WHERE it.id = gone."itemId" RETURNING 1)
          SELECT count(*)::int AS n FROM back`,
    );
    await logAuditEvent(tx, { projectId: access.projectId, actorId: access.userId, itemId: null, kind: "autoaccept.sent-back", data: { items: r.n } });
    return r.n;
  });
}

export type AutoAcceptSettings = {
  errorBudgetPercent: number | null;
  autoAccept: boolean;
  auditPercent: number;
  learnerCascade?: boolean;
  /** Never accept (nor certify on) a suggestion whose rationale is not grounded in its item. */
  groundedOnly?: boolean;
  /** Per label name: its own budget in percent, or null for the project's (single-valued projects only). */
  labelBudgets?: Record<string, number | null>;
};

/** Lead: the budget, on or off, the audit share, per-label budgets. Turning it on again clears a pause and starts a fresh audit. */
export async function updateAutoAcceptSettings(access: ProjectAccess, s: AutoAcceptSettings) {
  const database = await getDatabase();
  const ownBudgets = Object.entries(s.labelBudgets ?? {});
  await database.rawTransaction(async (tx) => {
    const [before] = await tx.query<{ autoAccept: boolean; paused: boolean; taskType: TaskType }>(
      sql`SELECT "autoAccept", "autoAcceptPausedAt" IS NOT NULL AS paused, "taskType"::text AS "taskType" FROM "Project" WHERE id = ${access.projectId} FOR UPDATE`,
    );
    if (ownBudgets.length) await checkLabelBudgets(tx, access.projectId, before.taskType, ownBudgets);
    // Turned on (or on again after a pause): the audit counts afresh from now. A save that leaves it on keeps the count.
    const turnedOn = s.errorBudgetPercent !== null && s.autoAccept && (!before.autoAccept || before.paused);
    await tx.query(
      sql`UPDATE "Project" SET "errorBudget" = ${s.errorBudgetPercent === null ? null : s.errorBudgetPercent / 100}::float8,
            "autoAccept" = ${s.errorBudgetPercent !== null && s.autoAccept}, "auditShare" = ${s.auditPercent / 100}::float8,
            "learnerCascade" = coalesce(${s.learnerCascade ?? null}::boolean, "learnerCascade"),
            "autoAcceptGroundedOnly" = coalesce(${s.groundedOnly ?? null}::boolean, "autoAcceptGroundedOnly")
            ${turnedOn ? sql`, "autoAcceptPausedAt" = NULL, "autoAcceptPauseReason" = NULL, "auditSince" = now()` : sql``}
          WHERE id = ${access.projectId}`,
    );
    for (const [name, percent] of ownBudgets) {
      await tx.query(
        sql`UPDATE "Label" SET "errorBudget" = ${percent === null ? null : percent / 100}::float8 WHERE "projectId" = ${access.projectId} AND name = ${name} AND "retiredAt" IS NULL`,
      );
    }
  });
}

/** Per-label budgets exist for single-valued projects only, and name the project's active labels. */
async function checkLabelBudgets(tx: SqlSession, projectId: string, taskType: TaskType, budgets: [string, number | null][]) {
  const labels = await tx.query<{ name: string }>(sql`SELECT name FROM "Label" WHERE "projectId" = ${projectId} AND "retiredAt" IS NULL`);
  const named = budgets.filter(([, percent]) => percent !== null);
  if (named.length && !isSingleValued(taskType)) {
    throw new AppError("VALIDATION", "Per-label budgets are for single-label and pairwise projects: a multi-label or span value holds several labels.");
  }
  const known = new Set(labels.map((l) => l.name));
  const unknown = budgets.find(([name]) => !known.has(name));
  if (unknown)
    throw new AppError("VALIDATION", `"${unknown[0]}" is not one of this project's labels.`, { [`labelBudgets.${unknown[0]}`]: "Not a label of this project" });
}
