// The auto-accept audit: a share of the candidates above the threshold goes to people, blind,
// instead of being accepted. Their answers are the audit's own slice (GoldLabel.audit): never blind
// gold, never copied onto suggestions, so they measure neither the model nor the next certificate.
//
// The audit is judged after every audited decision by an anytime-valid interval
// (lib/gold/sequential.ts), so looking after every decision costs nothing in validity:
// - pause when the whole interval is above the budget (evidence the accepted labels are too often
//   wrong; a version within budget is paused with probability at most 5% over its whole life);
// - a paused version keeps drawing audit items (every apply still marks its share) and resumes by
//   itself when the interval of the items audited since the pause is wholly within the budget.
// Each pause, resume, re-enable or new certified version starts a fresh count (Project.auditSince),
// so every decision is made on items none of the earlier decisions saw.
import { sql } from "@/lib/db/sql";
import type { SqlSession } from "@/lib/db/sql-session";
import { logAuditEvent, type AuditKind } from "@/lib/audit/log";
import { canonicalSql } from "@/lib/gold/canonical";
import { DELTA } from "@/lib/gold/certify";
import { auditVerdict, itemsToShowWithin, type AuditVerdict } from "@/lib/gold/sequential";
import { perLabelMode } from "@/lib/gold/per-label";
import { isSingleValued, type TaskType } from "@/lib/values/value";
import { labelBudgets, suggestedLabel } from "@/lib/gold/certificate";

export type AuditState = AuditVerdict & {
  budget: number;
  /** Audited items, all right, still needed to show the error within the budget (null: out of reach). */
  toShowWithin: number | null;
  /** Counted from here (a pause, a resume, turning it on, a new version). */
  since: string | null;
  /** Per label, when labels have their own budgets (each at alpha / labels, like their certificates). */
  labels?: (AuditState & { label: string })[];
};

function judge(n: number, errors: number, budget: number, alpha: number, since: Date | null): AuditState {
  return { ...auditVerdict(errors, n, budget, alpha), budget, toShowWithin: itemsToShowWithin(errors, n, budget, alpha), since: since?.toISOString() ?? null };
}

/**
 * The audited items of the version settled by people since `since`: how many, and how many the
 * suggestion got wrong; overall and, with per-label budgets, per label (each at alpha / labels).
 */
export async function auditState(
  tx: SqlSession,
  a: { projectId: string; versionId: string; taskType: TaskType; budget: number; since: Date | null },
): Promise<AuditState> {
  const rows = await tx.query<{ label: string | null; n: number; errors: number }>(
    sql`SELECT ${suggestedLabel(a.taskType)} AS label, count(*)::int AS n,
               (count(*) FILTER (WHERE ${canonicalSql(a.taskType, sql`s.value`)} IS DISTINCT FROM ${canonicalSql(a.taskType, sql`g.value`)}))::int AS errors
        FROM "Item" i JOIN "GoldLabel" g ON g."itemId" = i.id AND g.audit
        JOIN "Suggestion" s ON s."itemId" = i.id AND s."promptVersionId" = ${a.versionId} AND s.status = 'OK'
        WHERE i."projectId" = ${a.projectId} AND i."autoAudit"
          -- Strictly after: the timestamps hold milliseconds, and an answer the pause itself read can share the pause's millisecond.
          ${a.since ? sql`AND g."createdAt" > ${a.since}` : sql``}
        GROUP BY 1`,
  );
  const sum = (f: (r: { n: number; errors: number }) => number) => rows.reduce((x, r) => x + f(r), 0);
  const overall = judge(
    sum((r) => r.n),
    sum((r) => r.errors),
    a.budget,
    DELTA,
    a.since,
  );
  const budgets = await labelBudgets(tx, a.projectId, a.budget);
  if (!perLabelMode(isSingleValued(a.taskType), budgets)) return overall;
  const alpha = DELTA / budgets.length;
  const labels = budgets.map((b) => {
    const r = rows.find((x) => x.label === b.label);
    return { label: b.label, ...judge(r?.n ?? 0, r?.errors ?? 0, b.budget, alpha, a.since) };
  });
  return { ...overall, labels, over: overall.over || labels.some((l) => l.over), within: overall.within && labels.every((l) => l.within) };
}

const pct1 = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Why the audit paused auto-accept, in words: the whole audit, or the first label over its own budget. */
export function pauseReason(a: AuditState): string {
  const over = a.labels?.find((l) => l.over);
  const who = over ? `auto-accepted "${over.label}" labels` : "auto-accepted labels";
  const s = over ?? a;
  return (
    `The audit found ${s.errors} wrong of ${s.n} ${who} checked by people: their error is between ${pct1(s.interval[0])} and ${pct1(s.interval[1])} ` +
    `(95%, valid however often it is checked), all of it above the ${over ? "label's " : ""}budget of ${pct1(s.budget)}.`
  );
}

export type ProjectAuditRow = { taskType: TaskType; errorBudget: number | null; autoAccept: boolean; paused: boolean; auditSince: Date | null };

/**
 * Acts on the audit, inside a transaction holding the project row: pauses an active version whose
 * audit is over budget, resumes a paused one whose audit since the pause is within it, and marks a
 * good audit (labels accepted before it are not sent back). Returns the state and what changed.
 */
export async function actOnAudit(tx: SqlSession, projectId: string, p: ProjectAuditRow, versionId: string, actorId: string | null) {
  const audit = await auditState(tx, { projectId, versionId, taskType: p.taskType, budget: p.errorBudget!, since: p.auditSince });
  const event = (kind: AuditKind, data: object) => logAuditEvent(tx, { projectId, actorId, itemId: null, kind, data });
  let paused: string | null = null;
  let resumed = false;
  if (p.autoAccept && !p.paused && audit.over) {
    paused = pauseReason(audit);
    await tx.query(sql`UPDATE "Project" SET "autoAcceptPausedAt" = now(), "autoAcceptPauseReason" = ${paused}, "auditSince" = now() WHERE id = ${projectId}`);
    await event("autoaccept.paused", { reason: paused, audited: audit.n, errors: audit.errors, interval: audit.interval });
  } else if (p.autoAccept && p.paused && audit.within) {
    resumed = true;
    await tx.query(
      sql`UPDATE "Project" SET "autoAcceptPausedAt" = NULL, "autoAcceptPauseReason" = NULL, "auditSince" = now(), "lastGoodAuditAt" = now() WHERE id = ${projectId}`,
    );
    await event("autoaccept.resumed", { audited: audit.n, errors: audit.errors, interval: audit.interval });
  } else if (audit.within) {
    await tx.query(sql`UPDATE "Project" SET "lastGoodAuditAt" = now() WHERE id = ${projectId}`);
  }
  return { audit, paused, resumed };
}
