// Auto-accept under an error budget. The lead states E ("at most E of auto-accepted labels wrong,
// with 95% confidence"); from the blind slice of the version that labeled the most items, the
// lowest confidence threshold with a certified error bound of at most E is found
// (lib/gold/certify.ts); suggestions at or above it on items nobody has reviewed become gold with
// source AUTO and leave the queue, except an audit share that goes to people, blind. AUTO gold
// never measures the model (the triggers do not copy it onto suggestions). When the audited
// error's bound goes over the budget, auto-accept pauses itself; the lead can send the labels
// accepted since the last good audit back to review.
import { getDatabase, getDb } from "@/lib/db";
import { join, sql, type Sql } from "@/lib/db/sql";
import type { SqlSession } from "@/lib/db/sql-session";
import type { ProjectAccess } from "@/lib/auth/access";
import { AppError } from "@/lib/errors";
import { isSingleValued, type TaskType } from "@/lib/llm/output-schema";
import { canonicalSql } from "@/lib/gold/canonical";
import { calibrate, fitIsotonic, type Calibrator } from "@/lib/gold/calibrate";
import { certifyThreshold, DELTA, errorInterval, errorUpperBound, minItemsFor, type Certificate } from "@/lib/gold/certify";
import { reliabilityBeforeAfter, type BeforeAfter, type JudgedItem } from "@/lib/gold/reliability";
import { byItemsLabeled, versionSummaries } from "@/lib/metrics/versions";
import { certifyPerLabel, perLabelMode, type LabelBudget, type LabelCertificate, type LabelJudged } from "@/lib/gold/per-label";

export type AutoAcceptCertificate = Omit<Certificate, "steps"> & {
  versionId: string;
  versionNumber: number;
  blindItems: number;
  /** The threshold in calibrated terms (what people are shown), and the calibration map. */
  calibratedThreshold: number | null;
  calibrator: Calibrator | null;
  /** Per tested threshold: blind items, their accuracy and its lower bound, and candidates above it (the curve). */
  curve: { threshold: number; calibrated: number | null; n: number; accuracy: number; lower: number; passed: boolean; candidates: number }[];
  // The next two are absent from certificates stored before they existed (until the next apply).
  /** The same certification at other budgets, for the what-if slider (each its own fixed-sequence scan). */
  whatIf?: WhatIf[];
  /** Raw against calibrated confidence on the blind slice (calibrated out of fold). */
  reliability?: BeforeAfter;
  /**
   * Present when some label has its own budget (lib/gold/per-label.ts): acceptance then follows
   * these thresholds, one per label, and the pooled fields above are shown for comparison only.
   */
  perLabel?: (LabelCertificate & { calibrated: number | null; candidates: number })[];
  certifiedAt: string;
};

export type WhatIf = { budget: number; threshold: number | null; calibrated: number | null; upper: number | null; candidates: number; moreBlindNeeded: number | null };

/** Budgets the what-if slider offers (the project's own is added). */
const WHAT_IF_BUDGETS = [0.005, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2];

/** The version's suggestions on blind human gold (AUTO gold is never copied there): confidence and right or wrong. */
async function blindJudged(tx: SqlSession, projectId: string, versionId: string, taskType: TaskType): Promise<(JudgedItem & LabelJudged)[]> {
  const rows = await tx.query<{ itemId: number; confidence: number; correct: boolean; label: string | null }>(
    sql`SELECT s."itemId", s.confidence, (${canonicalSql(taskType, sql`s.value`)} IS NOT DISTINCT FROM ${canonicalSql(taskType, sql`s."goldValue"`)}) AS correct,
               ${suggestedLabel(taskType)} AS label
        FROM "Suggestion" s
        WHERE s."projectId" = ${projectId} AND s."promptVersionId" = ${versionId} AND s.status = 'OK' AND s."goldValue" IS NOT NULL AND s."goldBlind" AND s.confidence IS NOT NULL`,
  );
  return rows.map((r) => ({ itemId: Number(r.itemId), confidence: Number(r.confidence), correct: r.correct, label: r.label }));
}

/** The label a single-valued suggestion names (NULL for other task types, which have no per-label budgets). */
const suggestedLabel = (taskType: TaskType) => (isSingleValued(taskType) ? sql`s.value->>'label'` : sql`NULL::text`);

/** The project's labels with the budget each is held to (its own, or the project's). */
async function labelBudgets(tx: SqlSession, projectId: string, budget: number): Promise<LabelBudget[]> {
  const rows = await tx.query<{ name: string; errorBudget: number | null }>(
    sql`SELECT name, "errorBudget" FROM "Label" WHERE "projectId" = ${projectId} AND "retiredAt" IS NULL ORDER BY position`,
  );
  return rows.map((r) => ({ label: r.name, budget: r.errorBudget ?? budget, own: r.errorBudget !== null }));
}

/** Which suggestions a certificate accepts (a condition on Suggestion s), or null when it certifies nothing. */
export function acceptRule(c: { threshold: number | null; perLabel?: { label: string; threshold: number | null }[] }): Sql | null {
  if (!c.perLabel) return c.threshold === null ? null : sql`s.confidence >= ${c.threshold}`;
  const certified = c.perLabel.filter((l) => l.threshold !== null);
  if (!certified.length) return null;
  return sql`(${join(
    certified.map((l) => sql`(s.value->>'label' = ${l.label} AND s.confidence >= ${l.threshold})`),
    " OR ",
  )})`;
}

/** Candidates: the version's good suggestions `rule` accepts, on items nobody has reviewed, without gold, not picked for audit. */
const candidates = (projectId: string, versionId: string, rule: Sql) =>
  sql`FROM "Suggestion" s JOIN "Item" i ON i.id = s."itemId"
      WHERE s."projectId" = ${projectId} AND s."promptVersionId" = ${versionId} AND s.status = 'OK' AND ${rule}
        AND i."reviewCount" = 0 AND i."inQueue" AND NOT i."needsAdjudication" AND NOT i."autoAudit"
        AND NOT EXISTS (SELECT 1 FROM "GoldLabel" g WHERE g."itemId" = i.id)`;

/** Certifies a threshold for the project's budget (no writes). Null when there is no budget or no version. */
export async function certifyFor(tx: SqlSession, projectId: string, budget: number | null, taskType: TaskType): Promise<AutoAcceptCertificate | null> {
  if (budget === null) return null;
  const [version] = byItemsLabeled(await versionSummaries(projectId, tx));
  if (!version) return null;
  const judged = await blindJudged(tx, projectId, version.id, taskType);
  const cert = certifyThreshold(judged, budget);
  const others = [...new Set([...WHAT_IF_BUDGETS, budget])].sort((a, b) => a - b).map((b) => (b === budget ? cert : certifyThreshold(judged, b)));
  const calibrator = fitIsotonic(judged);
  const cal = (t: number) => (calibrator ? calibrate(calibrator, t) : null);
  // Candidates above each tested threshold: one pass over the version's suggestions, counted by
  // confidence (model confidences are few distinct values) and summed from the top.
  const lowest = Math.min(...others.flatMap((c) => c.steps.map((s) => s.threshold)));
  const byConfidence = Number.isFinite(lowest)
    ? await tx.query<{ c: number; n: number }>(sql`SELECT s.confidence AS c, count(*)::int AS n ${candidates(projectId, version.id, sql`s.confidence >= ${lowest}`)} GROUP BY 1`)
    : [];
  const above = (t: number) => byConfidence.reduce((sum, r) => sum + (Number(r.c) >= t ? r.n : 0), 0);
  const curve = cert.steps.map((s) => ({
    threshold: s.threshold,
    calibrated: cal(s.threshold),
    n: s.n,
    accuracy: 1 - s.errors / s.n,
    lower: 1 - s.upper,
    passed: s.passed,
    candidates: above(s.threshold),
  }));
  const whatIf = others.map((c) => ({
    budget: c.budget,
    threshold: c.threshold,
    calibrated: c.threshold === null ? null : cal(c.threshold),
    upper: c.upper,
    candidates: c.threshold === null ? 0 : above(c.threshold),
    moreBlindNeeded: c.moreBlindNeeded,
  }));
  const { steps, ...rest } = cert;
  void steps;
  const labels = await labelBudgets(tx, projectId, budget);
  const perLabel = perLabelMode(isSingleValued(taskType), labels) ? await perLabelCertificates(tx, projectId, version.id, judged, labels, cal) : undefined;
  return {
    perLabel,
    ...rest,
    versionId: version.id,
    versionNumber: version.number,
    blindItems: judged.length,
    calibratedThreshold: cert.threshold === null ? null : cal(cert.threshold),
    calibrator,
    curve,
    whatIf,
    reliability: reliabilityBeforeAfter(judged),
    certifiedAt: new Date().toISOString(),
  };
}

/** Each label's certificate, with its calibrated threshold and the candidates it covers. */
async function perLabelCertificates(tx: SqlSession, projectId: string, versionId: string, judged: LabelJudged[], labels: LabelBudget[], cal: (t: number) => number | null) {
  const certs = certifyPerLabel(judged, labels);
  const rule = acceptRule({ threshold: null, perLabel: certs });
  const counts = rule ? await tx.query<{ l: string; n: number }>(sql`SELECT s.value->>'label' AS l, count(*)::int AS n ${candidates(projectId, versionId, rule)} GROUP BY 1`) : [];
  return certs.map((c) => ({
    ...c,
    calibrated: c.threshold === null ? null : cal(c.threshold),
    candidates: c.threshold === null ? 0 : (counts.find((r) => r.l === c.label)?.n ?? 0),
  }));
}

export type AuditState = {
  n: number;
  errors: number;
  /** One-sided bound on the audited error (the pause rule), and the two-sided 95% interval shown beside it. */
  upper: number | null;
  interval: [number, number] | null;
  budget: number;
  needed: number;
  overBudget: boolean;
  /** Per label, when labels have their own budgets (each at delta / labels, like their certificates). */
  labels?: (AuditState & { label: string })[];
};

function judgeAudit(n: number, errors: number, budget: number, delta: number): AuditState {
  const upper = n ? errorUpperBound(errors, n, delta) : null;
  const needed = minItemsFor(budget, delta);
  return { n, errors, upper, interval: n ? errorInterval(errors, n) : null, budget, needed, overBudget: n >= needed && upper !== null && upper > budget };
}

/**
 * The audited items (above the threshold, reviewed blind by people): how many the suggestion got
 * wrong. Over budget when the bound on their error exceeds it, once there are as many as a
 * zero-error bound needs (before that any bound exceeds any budget, and says nothing). With
 * per-label budgets each label's audited items are also held to that label's budget.
 */
async function auditState(tx: SqlSession, projectId: string, versionId: string, taskType: TaskType, budget: number): Promise<AuditState> {
  const rows = await tx.query<{ label: string | null; n: number; errors: number }>(
    sql`SELECT ${suggestedLabel(taskType)} AS label, count(*)::int AS n,
               (count(*) FILTER (WHERE ${canonicalSql(taskType, sql`s.value`)} IS DISTINCT FROM ${canonicalSql(taskType, sql`s."goldValue"`)}))::int AS errors
        FROM "Item" i JOIN "Suggestion" s ON s."itemId" = i.id AND s."promptVersionId" = ${versionId} AND s.status = 'OK'
        WHERE i."projectId" = ${projectId} AND i."autoAudit" AND s."goldValue" IS NOT NULL
        GROUP BY 1`,
  );
  const sum = (f: (r: { n: number; errors: number }) => number) => rows.reduce((a, r) => a + f(r), 0);
  const overall = judgeAudit(sum((r) => r.n), sum((r) => r.errors), budget, DELTA);
  const budgets = await labelBudgets(tx, projectId, budget);
  if (!perLabelMode(isSingleValued(taskType), budgets)) return overall;
  const delta = DELTA / budgets.length;
  const labels = budgets.map((b) => {
    const r = rows.find((x) => x.label === b.label);
    return { label: b.label, ...judgeAudit(r?.n ?? 0, r?.errors ?? 0, b.budget, delta) };
  });
  return { ...overall, labels, overBudget: overall.overBudget || labels.some((l) => l.overBudget) };
}

const pct1 = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Why the audit pauses auto-accept: the whole audit, or the first label over its own budget. */
function pauseReason(a: AuditState): string {
  if (a.upper !== null && a.n >= a.needed && a.upper > a.budget) {
    return `The audit found ${a.errors} wrong of ${a.n} auto-accepted labels checked by people: the error could be up to ${pct1(a.upper)}, over the budget of ${pct1(a.budget)}.`;
  }
  const l = a.labels!.find((x) => x.overBudget)!;
  return `The audit found ${l.errors} wrong of ${l.n} auto-accepted "${l.label}" labels checked by people: their error could be up to ${pct1(l.upper!)}, over that label's budget of ${pct1(l.budget)}.`;
}

/**
 * Acts on the audit: pauses auto-accept when the audited error's bound is over the budget, and
 * marks a good audit (labels accepted before it are not sent back). Inside a transaction holding
 * the project row.
 */
async function actOnAudit(tx: SqlSession, projectId: string, p: ProjectRow, versionId: string, actorId: string | null): Promise<{ audit: AuditState; paused: string | null }> {
  const audit = await auditState(tx, projectId, versionId, p.taskType, p.errorBudget!);
  let paused: string | null = null;
  if (audit.overBudget && p.autoAccept && !p.paused) {
    paused = pauseReason(audit);
    await tx.query(sql`UPDATE "Project" SET "autoAcceptPausedAt" = now(), "autoAcceptPauseReason" = ${paused} WHERE id = ${projectId}`);
    await tx.query(sql`INSERT INTO "AuditEvent" ("projectId", "actorId", "itemId", kind, data) VALUES (${projectId}, ${actorId}, NULL, 'autoaccept.paused', ${JSON.stringify({ reason: paused })}::jsonb)`);
  } else if (audit.n >= audit.needed && !audit.overBudget) {
    await tx.query(sql`UPDATE "Project" SET "lastGoodAuditAt" = now() WHERE id = ${projectId}`);
  }
  return { audit, paused };
}

/** For the Quality page: the audit as it stands (nothing changes), or null when there is no certificate. */
export async function auditSummary(access: ProjectAccess): Promise<AuditState | null> {
  const { projectId } = access;
  const database = await getDatabase();
  return database.rawTransaction(async (tx) => {
    const [p] = await tx.query<{ taskType: TaskType; errorBudget: number | null; versionId: string | null }>(
      sql`SELECT "taskType"::text AS "taskType", "errorBudget", "autoAcceptCertificate"->>'versionId' AS "versionId" FROM "Project" WHERE id = ${projectId}`,
    );
    if (!p || p.errorBudget === null || !p.versionId) return null;
    return auditState(tx, projectId, p.versionId, p.taskType, p.errorBudget);
  });
}

const lockProject = (projectId: string) =>
  sql`SELECT "taskType"::text AS "taskType", "errorBudget", "autoAccept", "auditShare", "autoAcceptPausedAt" IS NOT NULL AS paused,
             "autoAcceptCertificate"->>'versionId' AS "versionId"
      FROM "Project" WHERE id = ${projectId} FOR UPDATE`;

/**
 * The audit check after people decide on audited items (the autoaccept-audit job): the same
 * verdict as on every apply, without certifying or accepting anything. Returns the pause reason
 * when it paused auto-accept now.
 */
export async function checkAudit(projectId: string): Promise<string | null> {
  const database = await getDatabase();
  return database.rawTransaction(async (tx) => {
    const [p] = await tx.query<ProjectRow & { versionId: string | null }>(lockProject(projectId));
    if (!p || p.errorBudget === null || !p.versionId || !p.autoAccept || p.paused) return null;
    return (await actOnAudit(tx, projectId, p, p.versionId, null)).paused;
  });
}

type ProjectRow = { taskType: TaskType; errorBudget: number | null; autoAccept: boolean; auditShare: number; paused: boolean };

export type ApplyResult = { certificate: AutoAcceptCertificate | null; accepted: number; audited: number; audit: AuditState | null; paused: string | null };

/**
 * Certifies, checks the audit, and (when auto-accept is on and not paused) accepts what the
 * certificate covers. One transaction with the project row locked, so two applies take turns.
 */
export async function applyAutoAccept(projectId: string, actorId: string | null): Promise<ApplyResult> {
  const database = await getDatabase();
  return database.rawTransaction(async (tx) => {
    // A bulk change (a million items at most): not bound by the web requests' statement timeout.
    if (database.kind === "postgres") await tx.query(sql`SET LOCAL statement_timeout = '300s'`);
    const [p] = await tx.query<ProjectRow>(lockProject(projectId));
    if (!p) throw new AppError("NOT_FOUND", "Project not found.");
    const certificate = await certifyFor(tx, projectId, p.errorBudget, p.taskType);
    const result: ApplyResult = { certificate, accepted: 0, audited: 0, audit: null, paused: null };
    if (!certificate) {
      await tx.query(sql`UPDATE "Project" SET "autoAcceptCertificate" = NULL WHERE id = ${projectId}`);
      return result;
    }
    Object.assign(result, await actOnAudit(tx, projectId, p, certificate.versionId, actorId));
    await tx.query(sql`UPDATE "Project" SET "autoAcceptCertificate" = ${JSON.stringify(certificate)}::jsonb WHERE id = ${projectId}`);
    const rule = acceptRule(certificate);
    if (!p.autoAccept || p.paused || result.paused || !rule) return result;
    const counts = await acceptAbove(tx, projectId, certificate.versionId, rule, p.auditShare);
    Object.assign(result, counts);
    if (counts.accepted || counts.audited) {
      await tx.query(
        sql`INSERT INTO "AuditEvent" ("projectId", "actorId", "itemId", kind, data)
            VALUES (${projectId}, ${actorId}, NULL, 'autoaccept.applied', ${JSON.stringify({ ...counts, ...appliedThresholds(certificate), budget: p.errorBudget, version: certificate.versionNumber })}::jsonb)`,
      );
    }
    return result;
  });
}

/** What the audit log records of the thresholds applied: the pooled one, or one per label. */
const appliedThresholds = (c: AutoAcceptCertificate) =>
  c.perLabel
    ? { perLabel: c.perLabel.map((l) => ({ label: l.label, threshold: l.threshold, calibrated: l.calibrated, budget: l.budget })) }
    : { threshold: c.threshold, calibrated: c.calibratedThreshold };

/**
 * One statement: the candidates' rows locked (skipping any a reviewer holds), the audit share
 * marked blind and kept in the queue (a fixed hash of the item id picks them, independent of the
 * blind slice's sampling), the rest given AUTO gold and taken out of the queue.
 */
async function acceptAbove(tx: SqlSession, projectId: string, versionId: string, rule: Sql, auditShare: number): Promise<{ accepted: number; audited: number }> {
  const [r] = await tx.query<{ accepted: number; audited: number }>(
    sql`WITH picked AS (
          SELECT i.id, s.value, ((hashtextextended(i.id::text, 17) & 1023) < ${Math.round(auditShare * 1024)}) AS audit
          ${candidates(projectId, versionId, rule)}
            AND NOT EXISTS (SELECT 1 FROM "ReviewAssignment" a WHERE a."itemId" = i.id AND a."doneAt" IS NULL AND a."leasedUntil" > now())
          FOR UPDATE OF i SKIP LOCKED),
        audited AS (UPDATE "Item" it SET "autoAudit" = true, blind = true FROM picked WHERE it.id = picked.id AND picked.audit RETURNING 1),
        gold AS (INSERT INTO "GoldLabel" ("itemId", "projectId", value, source, blind, "updatedAt")
                 SELECT id, ${projectId}, value, 'AUTO', false, now() FROM picked WHERE NOT audit ON CONFLICT ("itemId") DO NOTHING RETURNING "itemId"),
        moved AS (UPDATE "Item" it SET "inQueue" = false, status = 'REVIEWED' FROM gold WHERE it.id = gold."itemId" RETURNING 1)
        SELECT (SELECT count(*) FROM moved)::int AS accepted, (SELECT count(*) FROM audited)::int AS audited`,
  );
  return r;
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
    await tx.query(
      sql`INSERT INTO "AuditEvent" ("projectId", "actorId", "itemId", kind, data) VALUES (${access.projectId}, ${access.userId}, NULL, 'autoaccept.sent-back', ${JSON.stringify({ items: r.n })}::jsonb)`,
    );
    return r.n;
  });
}

export type AutoAcceptSettings = {
  errorBudgetPercent: number | null;
  autoAccept: boolean;
  auditPercent: number;
  learnerCascade?: boolean;
  /** Per label name: its own budget in percent, or null for the project's (single-valued projects only). */
  labelBudgets?: Record<string, number | null>;
};

/** Lead: the budget, on or off, the audit share, per-label budgets. Turning it on again clears a pause. */
export async function updateAutoAcceptSettings(access: ProjectAccess, s: AutoAcceptSettings) {
  const db = await getDb();
  const ownBudgets = Object.entries(s.labelBudgets ?? {});
  await db.$transaction(async (tx) => {
    if (ownBudgets.length) await checkLabelBudgets(tx, access.projectId, ownBudgets);
    await tx.project.update({
      where: { id: access.projectId },
      data: {
        errorBudget: s.errorBudgetPercent === null ? null : s.errorBudgetPercent / 100,
        autoAccept: s.errorBudgetPercent !== null && s.autoAccept,
        auditShare: s.auditPercent / 100,
        ...(s.learnerCascade === undefined ? {} : { learnerCascade: s.learnerCascade }),
        ...(s.autoAccept ? { autoAcceptPausedAt: null, autoAcceptPauseReason: null } : {}),
      },
    });
    for (const [name, percent] of ownBudgets) {
      await tx.label.updateMany({ where: { projectId: access.projectId, name, retiredAt: null }, data: { errorBudget: percent === null ? null : percent / 100 } });
    }
  });
}

type LabelTx = Pick<Awaited<ReturnType<typeof getDb>>, "project" | "label">;

/** Per-label budgets exist for single-valued projects only, and name the project's active labels. */
async function checkLabelBudgets(tx: LabelTx, projectId: string, budgets: [string, number | null][]) {
  const project = await tx.project.findUniqueOrThrow({ where: { id: projectId }, select: { taskType: true, labels: { where: { retiredAt: null }, select: { name: true } } } });
  const named = budgets.filter(([, percent]) => percent !== null);
  if (named.length && !isSingleValued(project.taskType)) {
    throw new AppError("VALIDATION", "Per-label budgets are for single-label and pairwise projects: a multi-label or span value holds several labels.");
  }
  const known = new Set(project.labels.map((l) => l.name));
  const unknown = budgets.find(([name]) => !known.has(name));
  if (unknown) throw new AppError("VALIDATION", `"${unknown[0]}" is not one of this project's labels.`, { [`labelBudgets.${unknown[0]}`]: "Not a label of this project" });
}
