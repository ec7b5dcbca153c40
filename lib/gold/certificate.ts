// The auto-accept certificate: from the blind slice of the version that labeled the most items,
// the lowest confidence threshold with a certified error bound of at most the budget
// (lib/gold/certify.ts), at the error probability this look of the version may spend
// (lib/gold/looks.ts), with the what-if at other budgets, the calibration map and, when labels
// have their own budgets, one certificate per label (lib/gold/per-label.ts). No writes.
//
// What the blind slice is here: items people reviewed without the suggestion whose draw is below
// the lowest blind share in force since reviewing began (Project.blindFloor): a random sample of
// every item, whatever the queue order. Audit items are never in it (their gold is not copied onto
// suggestions), nor is AUTO gold.
import { join, sql, type Sql } from "@/lib/db/sql";
import type { SqlSession } from "@/lib/db/sql-session";
import { isSingleValued, type TaskType } from "@/lib/values/value";
import { canonicalSql } from "@/lib/gold/canonical";
import { calibrate, fitIsotonic, type Calibrator } from "@/lib/gold/calibrate";
import { certifyThreshold, type Certificate } from "@/lib/gold/certify";
import { reliabilityBeforeAfter, type BeforeAfter, type JudgedItem } from "@/lib/gold/reliability";
import { byItemsLabeled, versionSummaries } from "@/lib/prompts/versions";
import { certifyPerLabel, perLabelMode, type LabelBudget, type LabelCertificate, type LabelJudged } from "@/lib/gold/per-label";
import { deltaForLook, nextLook, type PreviousLook } from "@/lib/gold/looks";

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
  /** Which look of the version this is, and the error probability it spent (lib/gold/looks.ts); absent before spending existed. */
  look?: number;
  delta?: number;
  /** The per-label budgets it was made under ("" without), so a change of them is a new look. */
  budgetsKey?: string;
  /** The blind share its slice was drawn at (the lowest in force since reviewing began); 0: there is no blind slice. */
  blindShare?: number;
  certifiedAt: string;
};

export type WhatIf = {
  budget: number;
  threshold: number | null;
  calibrated: number | null;
  upper: number | null;
  candidates: number;
  moreBlindNeeded: number | null;
};

/** Budgets the what-if slider offers (the project's own is added). */
const WHAT_IF_BUDGETS = [0.005, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2];

/** The label a single-valued suggestion names (NULL for other task types, which have no per-label budgets). */
export const suggestedLabel = (taskType: TaskType) => (isSingleValued(taskType) ? sql`s.value->>'label'` : sql`NULL::text`);

/**
 * With "grounded only" on, a suggestion whose rationale quotes words its item does not contain is
 * never accepted, and so never counted where acceptance is certified: the certificate is then about
 * exactly the suggestions it can accept (lib/llm/grounding.ts).
 */
const eligible = (projectId: string) => sql`(s.grounded IS NOT FALSE OR NOT (SELECT p."autoAcceptGroundedOnly" FROM "Project" p WHERE p.id = ${projectId}))`;

/** The version's suggestions on the blind slice below the floor: confidence and right or wrong. */
async function blindJudged(tx: SqlSession, projectId: string, versionId: string, taskType: TaskType): Promise<(JudgedItem & LabelJudged)[]> {
  const rows = await tx.query<{ itemId: number; confidence: number; correct: boolean; label: string | null }>(
    sql`SELECT s."itemId", s.confidence, (${canonicalSql(taskType, sql`s.value`)} IS NOT DISTINCT FROM ${canonicalSql(taskType, sql`s."goldValue"`)}) AS correct,
               ${suggestedLabel(taskType)} AS label
        FROM "Suggestion" s JOIN "Item" i ON i.id = s."itemId"
        WHERE s."projectId" = ${projectId} AND s."promptVersionId" = ${versionId} AND s.status = 'OK' AND s."goldValue" IS NOT NULL AND s."goldBlind" AND s.confidence IS NOT NULL
          AND ${eligible(projectId)}
          AND i."blindDraw" < (SELECT coalesce(p."blindFloor", p."blindShare") FROM "Project" p WHERE p.id = ${projectId})`,
  );
  return rows.map((r) => ({ itemId: Number(r.itemId), confidence: Number(r.confidence), correct: r.correct, label: r.label }));
}

/** The project's labels with the budget each is held to (its own, or the project's). */
export async function labelBudgets(tx: SqlSession, projectId: string, budget: number): Promise<LabelBudget[]> {
  const rows = await tx.query<{ name: string; errorBudget: number | null }>(
    sql`SELECT name, "errorBudget" FROM "Label" WHERE "projectId" = ${projectId} AND "retiredAt" IS NULL ORDER BY position`,
  );
  return rows.map((r) => ({ label: r.name, budget: r.errorBudget ?? budget, own: r.errorBudget !== null }));
}

const budgetsKeyOf = (labels: LabelBudget[]) => (labels.some((l) => l.own) ? labels.map((l) => `${l.label}:${l.budget}`).join("|") : "");

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

/**
 * Candidates: the version's good suggestions `rule` accepts, on items nobody has reviewed, without
 * gold, not picked for audit, and not in the blind slice (whose items are kept for people, so the
 * slice stays a random sample of every item).
 */
export const candidates = (projectId: string, versionId: string, rule: Sql) =>
  sql`FROM "Suggestion" s JOIN "Item" i ON i.id = s."itemId"
      WHERE s."projectId" = ${projectId} AND s."promptVersionId" = ${versionId} AND s.status = 'OK' AND ${rule} AND ${eligible(projectId)}
        AND i."reviewCount" = 0 AND i."inQueue" AND NOT i."needsAdjudication" AND NOT i."autoAudit"
        AND i."blindDraw" >= (SELECT p."blindShare" FROM "Project" p WHERE p.id = ${projectId})
        AND NOT EXISTS (SELECT 1 FROM "GoldLabel" g WHERE g."itemId" = i.id)`;

/**
 * The certificate in force for the project's budget: the previous one when this would be the same
 * look (lib/gold/looks.ts), else a new one at the next look's share of delta. Null without a budget
 * or a labeled version.
 */
export async function certifyFor(
  tx: SqlSession,
  projectId: string,
  budget: number | null,
  taskType: TaskType,
  previous: AutoAcceptCertificate | null,
): Promise<AutoAcceptCertificate | null> {
  if (budget === null) return null;
  const [version] = byItemsLabeled(await versionSummaries(projectId, tx));
  if (!version) return null;
  const judged = await blindJudged(tx, projectId, version.id, taskType);
  const [{ share, groundedOnly }] = await tx.query<{ share: number; groundedOnly: boolean }>(
    sql`SELECT coalesce("blindFloor", "blindShare") AS share, "autoAcceptGroundedOnly" AS "groundedOnly" FROM "Project" WHERE id = ${projectId}`,
  );
  const labels = await labelBudgets(tx, projectId, budget);
  // Switching "grounded only" changes what is certified: a new look, never the old certificate reused.
  const budgetsKey = budgetsKeyOf(labels) + (groundedOnly ? "|grounded-only" : "");
  const before: PreviousLook | null = previous?.look
    ? { versionId: previous.versionId, budget: previous.budget, blindItems: previous.blindItems, budgetsKey: previous.budgetsKey ?? "", look: previous.look }
    : null;
  const { look, reuse } = nextLook(before, { versionId: version.id, budget, blindItems: judged.length, budgetsKey });
  if (reuse && previous) return previous;
  const delta = deltaForLook(look);
  const cert = certifyThreshold(judged, budget, { delta });
  const others = [...new Set([...WHAT_IF_BUDGETS, budget])].sort((a, b) => a - b).map((b) => (b === budget ? cert : certifyThreshold(judged, b, { delta })));
  const calibrator = fitIsotonic(judged);
  const cal = (t: number) => (calibrator ? calibrate(calibrator, t) : null);
  const above = await candidatesAbove(tx, projectId, version.id, Math.min(...others.flatMap((c) => c.steps.map((s) => s.threshold))));
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
  const perLabel = perLabelMode(isSingleValued(taskType), labels)
    ? await perLabelCertificates(tx, projectId, version.id, judged, labels, cal, delta)
    : undefined;
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
    look,
    delta,
    budgetsKey,
    blindShare: Number(share),
    certifiedAt: new Date().toISOString(),
  };
}

/**
 * Candidates above each tested threshold: one pass over the version's suggestions, counted by
 * confidence (model confidences are few distinct values) and summed from the top.
 */
async function candidatesAbove(tx: SqlSession, projectId: string, versionId: string, lowest: number) {
  const byConfidence = Number.isFinite(lowest)
    ? await tx.query<{ c: number; n: number }>(
        sql`SELECT s.confidence AS c, count(*)::int AS n ${candidates(projectId, versionId, sql`s.confidence >= ${lowest}`)} GROUP BY 1`,
      )
    : [];
  return (t: number) => byConfidence.reduce((sum, r) => sum + (Number(r.c) >= t ? r.n : 0), 0);
}

/** Each label's certificate, with its calibrated threshold and the candidates it covers. */
async function perLabelCertificates(
  tx: SqlSession,
  projectId: string,
  versionId: string,
  judged: LabelJudged[],
  labels: LabelBudget[],
  cal: (t: number) => number | null,
  delta: number,
) {
  const certs = certifyPerLabel(judged, labels, delta);
  const rule = acceptRule({ threshold: null, perLabel: certs });
  const counts = rule
    ? await tx.query<{ l: string; n: number }>(sql`SELECT s.value->>'label' AS l, count(*)::int AS n ${candidates(projectId, versionId, rule)} GROUP BY 1`)
    : [];
  return certs.map((c) => ({
    ...c,
    calibrated: c.threshold === null ? null : cal(c.threshold),
    candidates: c.threshold === null ? 0 : (counts.find((r) => r.l === c.label)?.n ?? 0),
  }));
}
