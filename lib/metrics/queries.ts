// The metrics page's numbers, counted in the database: each query returns a few hundred grouped
// rows however many items the project has, and lib/stats/measures.ts turns them into figures.
// Slices: all gold items, the blind slice (reviewed without the suggestion), the assisted rest.
import { getDatabase, getDb } from "@/lib/db";
import { sql, trusted, type Sql } from "@/lib/db/sql";
import type { ProjectAccess } from "@/lib/auth/access";
import { AppError } from "@/lib/errors";
import { isSingleValued, type TaskType } from "@/lib/values/value";
import { scalesOf, taskTypeDef, type Scales } from "@/lib/task-types";
import { ratingCells, ratingFigures, ratingPeople, type CriterionFigures } from "@/lib/metrics/rating";
import { taskTypeSql } from "@/lib/task-types/sql";
import { canonicalSql, jsonArray, jsonNumber } from "@/lib/gold/canonical";
import { byItemsLabeled, versionSummaries } from "@/lib/prompts/versions";
import { groundingFigures } from "@/lib/metrics/grounding";
import {
  calibration,
  f1Of,
  fromConfusion,
  krippendorffAlphaNominal,
  moreGoldNeeded,
  prf,
  averages,
  wilson,
  type Calibration,
  type CalibrationBin,
  type ClassificationReport,
  type Confusion,
  type PerLabel,
} from "@/lib/stats/measures";

export const CALIBRATION_BINS = 20;

export { canonicalSql };

export type SliceName = "all" | "blind" | "assisted";

export type SliceMetrics = ClassificationReport & {
  confusion: Confusion | null;
  multiLabel: { exactMatch: number | null; hammingLoss: number | null } | null;
  spans: { exact: PerLabel[]; overlap: PerLabel[] } | null;
  /** A rubric: each criterion's ordinal figures (accuracy above is every criterion exactly right). */
  rating: CriterionFigures[] | null;
  calibration: Calibration;
  moreGoldNeeded: number;
};

/**
 * What it takes to narrow a slice's accuracy interval to ±3 points, capped by what the project
 * has: `available` items without gold would land in this slice (blind ones at the blind share),
 * and `bestHalfWidth` is the half-width if every one of them were reviewed.
 */
export type GoldNeeded = { more: number; available: number; bestHalfWidth: number | null };

export function goldNeeded(slice: SliceMetrics, available: number): GoldNeeded {
  const p = slice.n ? slice.correct / slice.n : 0.5;
  const best = wilson(p * (slice.n + available), slice.n + available);
  return { more: slice.moreGoldNeeded, available, bestHalfWidth: best ? (best.high - best.low) / 2 : null };
}

type Query = <T>(statement: Sql) => Promise<T[]>;
/**
 * `fewGroups`: for a grouping whose groups are few (labels × bins) though the planner, which
 * cannot see inside JSON, expects about one per row and so would sort a million rows to group
 * them: hash them instead. Not for queries that need their sorts (window functions, merges).
 */
type Runner = Query & { fewGroups: Query };

/**
 * Runs the page's queries, each a read-only transaction of its own on the process's pool: a
 * million-item project holds several connections for a second. On PostgreSQL they run side by
 * side, without JIT (compiling costs more than it saves here) and with room to hash in memory.
 */
export async function sqlRunner(): Promise<Runner> {
  const database = await getDatabase();
  const runner =
    (settings: string[]): Query =>
    (statement) =>
      database.rawTransaction(async (tx) => {
        if (database.kind === "postgres") await tx.exec(trusted(settings.map((s) => `SET LOCAL ${s};`).join(" ")));
        return tx.query(statement) as never;
      });
  const base = ["jit = off", "work_mem = '64MB'"];
  return Object.assign(runner(base), { fewGroups: runner([...base, "enable_sort = off"]) });
}

/**
 * The version's good suggestions on gold items of the project, as rows `s` with the gold
 * as `g` (value, blind): Suggestion carries a copy of its item's gold, so this is a scan of one
 * table rather than a join of a million rows with a million. With `alsoVersionId`, only items
 * that version labeled too, so two versions are compared on the same items.
 */
export function goldWithSuggestion(scope: Pick<Scope, "projectId" | "versionId" | "alsoVersionId">, extraJoin: Sql = sql``) {
  return sql`FROM "Suggestion" s CROSS JOIN LATERAL (SELECT s."goldValue" AS value, s."goldBlind" AS blind) g ${extraJoin}
          WHERE s."projectId" = ${scope.projectId} AND s."promptVersionId" = ${scope.versionId} AND s.status = 'OK' AND s."goldValue" IS NOT NULL
          ${scope.alsoVersionId ? sql`AND EXISTS (SELECT 1 FROM "Suggestion" o WHERE o."itemId" = s."itemId" AND o."promptVersionId" = ${scope.alsoVersionId} AND o.status = 'OK')` : sql``}`;
}

type Scope = { projectId: string; versionId: string; alsoVersionId?: string; taskType: TaskType; labels: string[]; scales?: Scales };
const bySlice = <T extends { blind: boolean }>(rows: T[], slice: SliceName) => rows.filter((r) => slice === "all" || r.blind === (slice === "blind"));

/** Accuracy, P/R/F1, confusion, calibration per slice for one prompt version. */
export async function sliceMetrics(run: Runner, scope: Scope): Promise<Record<SliceName, SliceMetrics>> {
  const from = goldWithSuggestion(scope);
  const correct = sql`${canonicalSql(scope.taskType, sql`s.value`)} = ${canonicalSql(scope.taskType, sql`g.value`)}`;
  const single = isSingleValued(scope.taskType);
  const family = taskTypeDef(scope.taskType).metrics;
  const [cells, multi, spans, rated] = await Promise.all([
    // One pass for the confusion matrix (single label), calibration bins and correctness.
    run.fewGroups<{ blind: boolean; bin: number | null; predicted: string | null; gold: string | null; n: number; confidence: number; correct: number }>(
      sql`SELECT g.blind, least(floor(s.confidence * ${trusted(String(CALIBRATION_BINS))}), ${trusted(String(CALIBRATION_BINS - 1))})::int AS bin,
              ${single ? sql`s.value->>'label'` : sql`NULL::text`} AS predicted,
              ${single ? sql`g.value->>'label'` : sql`NULL::text`} AS gold,
              count(*)::int AS n, coalesce(sum(s.confidence), 0)::float8 AS confidence, (count(*) FILTER (WHERE ${correct}))::int AS correct
       ${from} GROUP BY 1, 2, 3, 4`,
    ),
    family === "multi-label" ? multiLabelCounts(run, scope) : [],
    family === "spans" ? spanCounts(run, scope) : [],
    family === "rating" ? ratingCells(run, (join) => goldWithSuggestion(scope, join), scope.labels) : [],
  ]);

  const result = {} as Record<SliceName, SliceMetrics>;
  for (const slice of ["all", "blind", "assisted"] as const) {
    const rows = bySlice(cells, slice);
    const n = rows.reduce((s, r) => s + r.n, 0);
    const right = rows.reduce((s, r) => s + r.correct, 0);
    const bins = new Map<number, CalibrationBin>();
    for (const r of rows) {
      if (r.bin === null) continue;
      const b = bins.get(r.bin) ?? { bin: r.bin, n: 0, confidenceSum: 0, correct: 0 };
      b.n += r.n;
      b.confidenceSum += r.confidence;
      b.correct += r.correct;
      bins.set(r.bin, b);
    }
    let report: ClassificationReport;
    let confusion: Confusion | null = null;
    let multiLabel: SliceMetrics["multiLabel"] = null;
    let spanReport: SliceMetrics["spans"] = null;
    let rating: SliceMetrics["rating"] = null;
    if (family === "rating") {
      rating = ratingFigures(bySlice(rated, slice), scope.labels, scope.scales ?? {});
      report = { n, correct: right, accuracy: n ? right / n : null, interval: wilson(right, n), kappa: null, perLabel: [], ...averages([]) };
    } else if (isSingleValued(scope.taskType)) {
      const labels = [...scope.labels];
      for (const r of rows) for (const l of [r.gold, r.predicted]) if (l !== null && !labels.includes(l)) labels.push(l);
      const matrix = labels.map(() => labels.map(() => 0));
      for (const r of rows) matrix[labels.indexOf(r.gold ?? "")][labels.indexOf(r.predicted ?? "")] += r.n;
      confusion = { labels, matrix };
      report = fromConfusion(confusion);
    } else if (family === "multi-label") {
      const counts = bySlice(multi, slice);
      const perLabel = scope.labels.map((label) => {
        const c = counts.filter((r) => r.label === label);
        const sum = (k: "tp" | "predicted" | "support") => c.reduce((s, r) => s + r[k], 0);
        return prf(label, sum("tp"), sum("predicted"), sum("support"));
      });
      const errors = perLabel.reduce((s, l) => s + (l.predicted - l.tp) + (l.support - l.tp), 0);
      multiLabel = { exactMatch: n ? right / n : null, hammingLoss: n ? errors / (n * scope.labels.length) : null };
      report = { n, correct: right, accuracy: n ? right / n : null, interval: wilson(right, n), kappa: null, perLabel, ...averages(perLabel) };
    } else {
      const counts = bySlice(spans, slice);
      const per = (kind: "exact" | "overlap") =>
        scope.labels.map((label) => {
          const c = counts.filter((r) => r.label === label);
          const sum = (k: keyof (typeof spans)[number]) => c.reduce((s, r) => s + Number(r[k]), 0);
          // Overlap: precision counts predicted spans that touch a gold span of the label, recall gold spans touched.
          const p = prf(label, sum(kind === "exact" ? "exactPredicted" : "overlapPredicted"), sum("predicted"), sum("support"));
          if (kind === "exact") return p;
          const precision = p.predicted ? sum("overlapPredicted") / p.predicted : null;
          const recall = p.support ? sum("overlapGold") / p.support : null;
          return { ...p, precision, recall, f1: f1Of(precision, recall) };
        });
      spanReport = { exact: per("exact"), overlap: per("overlap") };
      report = {
        n,
        correct: right,
        accuracy: n ? right / n : null,
        interval: wilson(right, n),
        kappa: null,
        perLabel: spanReport.exact,
        ...averages(spanReport.exact),
      };
    }
    result[slice] = {
      ...report,
      confusion,
      multiLabel,
      spans: spanReport,
      rating,
      calibration: calibration([...bins.values()], CALIBRATION_BINS),
      moreGoldNeeded: moreGoldNeeded(right, n),
    };
  }
  return result;
}

async function multiLabelCounts(run: Runner, scope: Scope) {
  return run<{ blind: boolean; label: string; tp: number; predicted: number; support: number }>(
    sql`SELECT g.blind, l.name AS label,
            (count(*) FILTER (WHERE (s.value->'labels') ? l.name AND (g.value->'labels') ? l.name))::int AS tp,
            (count(*) FILTER (WHERE (s.value->'labels') ? l.name))::int AS predicted,
            (count(*) FILTER (WHERE (g.value->'labels') ? l.name))::int AS support
     ${goldWithSuggestion(scope, sql`CROSS JOIN unnest(${scope.labels}::text[]) AS l(name)`)}
     GROUP BY 1, 2`,
  );
}

async function spanCounts(run: Runner, scope: Scope) {
  type Row = { blind: boolean; label: string; predicted: number; exactPredicted: number; overlapPredicted: number; support: number; overlapGold: number };
  const num = (e: Sql, key: "start" | "end") => jsonNumber(sql`${e}->${trusted(`'${key}'`)}`);
  const side = (mine: Sql, other: Sql) => sql`
    SELECT g.blind, e->>'label' AS label, count(*)::int AS n,
      (count(*) FILTER (WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(${jsonArray(sql`${other}->'spans'`)}) o
         WHERE o->>'label' = e->>'label' AND o->>'start' = e->>'start' AND o->>'end' = e->>'end')))::int AS exact,
      (count(*) FILTER (WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(${jsonArray(sql`${other}->'spans'`)}) o
         WHERE o->>'label' = e->>'label' AND ${num(sql`o`, "start")} < ${num(sql`e`, "end")} AND ${num(sql`e`, "start")} < ${num(sql`o`, "end")})))::int AS overlap
    ${goldWithSuggestion(scope, sql`CROSS JOIN LATERAL jsonb_array_elements(${jsonArray(sql`${mine}->'spans'`)}) e`)}
    GROUP BY 1, 2`;
  const [pred, gold] = await Promise.all([
    run<{ blind: boolean; label: string; n: number; exact: number; overlap: number }>(side(sql`s.value`, sql`g.value`)),
    run<{ blind: boolean; label: string; n: number; exact: number; overlap: number }>(side(sql`g.value`, sql`s.value`)),
  ]);
  const rows = new Map<string, Row>();
  const row = (blind: boolean, label: string) => {
    const key = `${blind}|${label}`;
    if (!rows.has(key)) rows.set(key, { blind, label, predicted: 0, exactPredicted: 0, overlapPredicted: 0, support: 0, overlapGold: 0 });
    return rows.get(key)!;
  };
  for (const p of pred) Object.assign(row(p.blind, p.label), { predicted: p.n, exactPredicted: p.exact, overlapPredicted: p.overlap });
  for (const g of gold) Object.assign(row(g.blind, g.label), { support: g.n, overlapGold: g.overlap });
  return [...rows.values()];
}

/** Agreement among annotators (items with two or more non-skip decisions), in the database. */
async function annotatorAgreement(run: Runner, projectId: string, taskType: TaskType) {
  // Driven from the items reviewed twice or more, so a project without overlap costs one index-free
  // pass over its items rather than a grouping of all its decisions.
  const pairs = await run<{ a: string; b: string; o: number; items: number }>(
    sql`WITH v AS (SELECT d."itemId", ${canonicalSql(taskType, sql`d.value`)} AS c
                FROM "Item" i JOIN "Decision" d ON d."itemId" = i.id
                WHERE i."projectId" = ${projectId} AND i."reviewCount" >= 2 AND d.action <> 'SKIPPED'),
          t AS (SELECT "itemId", c, count(*) AS n, sum(count(*)) OVER (PARTITION BY "itemId") AS m FROM v GROUP BY 1, 2)
     SELECT a.c AS a, b.c AS b,
            sum(CASE WHEN a.c = b.c THEN a.n * (a.n - 1) ELSE a.n * b.n END::float8 / (a.m - 1))::float8 AS o,
            (SELECT count(DISTINCT "itemId") FROM t WHERE m >= 2)::int AS items
     FROM t a JOIN t b ON a."itemId" = b."itemId" WHERE a.m >= 2 GROUP BY 1, 2`,
  );
  const coincidence = new Map<string, Map<string, number>>();
  for (const p of pairs) coincidence.set(p.a, (coincidence.get(p.a) ?? new Map()).set(p.b, p.o));
  return { alpha: krippendorffAlphaNominal(coincidence), items: pairs[0]?.items ?? 0 };
}

/**
 * Per annotator: decisions and throughput (an index-only scan of their decisions), and how often
 * they agree with the *other* reviewers of the same items (leave-one-out). Comparing people with the
 * gold would be circular: gold is made from their own answers (alone, their answer; with two,
 * half of it). Each decision on an item reviewed by m ≥ 2 people counts the share of the other
 * m − 1 answers equal to it.
 */
async function annotatorStats(run: Runner, projectId: string, taskType: TaskType) {
  const [pace, agreement] = await Promise.all([
    run<{ annotatorId: string; name: string | null; decisions: number; medianSeconds: number | null; totalSeconds: number }>(
      sql`SELECT p.*, u.name FROM (
         SELECT d."annotatorId", count(*)::int AS decisions, percentile_cont(0.5) WITHIN GROUP (ORDER BY d.seconds)::float8 AS "medianSeconds",
                coalesce(sum(d.seconds), 0)::float8 AS "totalSeconds"
         FROM "Decision" d WHERE d."projectId" = ${projectId} AND d.action <> 'SKIPPED' GROUP BY 1) p
       LEFT JOIN "User" u ON u.id = p."annotatorId"
       ORDER BY p.decisions DESC, p."annotatorId"`,
    ),
    run<{ annotatorId: string; sharedItems: number; agreement: number }>(
      sql`WITH v AS (SELECT d."itemId", d."annotatorId", ${canonicalSql(taskType, sql`d.value`)} AS c
                FROM "Item" i JOIN "Decision" d ON d."itemId" = i.id
                WHERE i."projectId" = ${projectId} AND i."reviewCount" >= 2 AND d.action <> 'SKIPPED'),
            same AS (SELECT "itemId", c, count(*) AS n FROM v GROUP BY 1, 2),
            total AS (SELECT "itemId", count(*) AS m FROM v GROUP BY 1)
       SELECT v."annotatorId", count(*)::int AS "sharedItems", sum((same.n - 1)::float8 / (total.m - 1))::float8 AS agreement
       FROM v JOIN same ON same."itemId" = v."itemId" AND same.c = v.c JOIN total ON total."itemId" = v."itemId"
       WHERE total.m >= 2 GROUP BY 1`,
    ),
  ]);
  const agreed = new Map(agreement.map((a) => [a.annotatorId, a]));
  return pace.map((r) => {
    const a = agreed.get(r.annotatorId) ?? { sharedItems: 0, agreement: 0 };
    return {
      ...r,
      name: r.name ?? "(removed user)",
      sharedItems: a.sharedItems,
      othersAgreement: a.sharedItems ? a.agreement / a.sharedItems : null,
      itemsPerHour: r.totalSeconds > 0 ? (r.decisions / r.totalSeconds) * 3600 : null,
    };
  });
}

/**
 * Accepted unchanged vs corrected, by the label the model suggested, and what the version cost:
 * one scan of its suggestions, whose decision counts the database keeps (see Suggestion.acceptedCount).
 */
async function acceptanceAndCost(run: Runner, projectId: string, versionId: string, taskType: TaskType) {
  const suggestedLabels = taskTypeSql(taskType).labels(sql`s.value`);
  const groups = await run.fewGroups<{
    labels: (string | null)[] | null;
    items: number;
    usd: number;
    inputTokens: number;
    outputTokens: number;
    accepted: number;
    corrected: number;
  }>(
    sql`SELECT CASE WHEN s.status = 'OK' THEN ${suggestedLabels} END AS labels, count(*)::int AS items, coalesce(sum(s."costUsd"), 0)::float8 AS usd,
            coalesce(sum(s."inputTokens" + s."cacheReadTokens" + s."cacheWriteTokens"), 0)::float8 AS "inputTokens", coalesce(sum(s."outputTokens"), 0)::float8 AS "outputTokens",
            coalesce(sum(s."acceptedCount"), 0)::int AS accepted, coalesce(sum(s."correctedCount"), 0)::int AS corrected
     FROM "Suggestion" s WHERE s."projectId" = ${projectId} AND s."promptVersionId" = ${versionId}
     GROUP BY 1`,
  );
  const byLabel = new Map<string, { accepted: number; corrected: number }>();
  const total = { items: 0, usd: 0, inputTokens: 0, outputTokens: 0, accepted: 0 };
  for (const g of groups) {
    total.items += g.items;
    total.usd += g.usd;
    total.inputTokens += g.inputTokens;
    total.outputTokens += g.outputTokens;
    total.accepted += g.accepted;
    for (const label of g.labels ?? []) {
      if (label === null || !(g.accepted || g.corrected)) continue;
      const c = byLabel.get(label) ?? { accepted: 0, corrected: 0 };
      c.accepted += g.accepted;
      c.corrected += g.corrected;
      byLabel.set(label, c);
    }
  }
  const acceptance = [...byLabel.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([label, c]) => ({ label, ...c, rate: c.accepted + c.corrected ? c.accepted / (c.accepted + c.corrected) : null }));
  return {
    acceptance,
    cost: {
      ...total,
      usdPerItem: total.items ? total.usd / total.items : null,
      tokensPerItem: total.items ? (total.inputTokens + total.outputTokens) / total.items : null,
      usdPerAcceptedLabel: total.accepted ? total.usd / total.accepted : null,
    },
  };
}

export type ProjectMetrics = Awaited<ReturnType<typeof projectMetrics>>;

/** The metrics page for a lead: one prompt version (default: the one that labeled the most items) against gold. */
/** People's gold on the project's synthetic items (Item_synthetic_idx keeps this off the real items). */
const syntheticGold = (projectId: string) =>
  sql`FROM "Item" i JOIN "GoldLabel" g ON g."itemId" = i.id WHERE i."projectId" = ${projectId} AND i.origin = 'SYNTHETIC' AND g.source <> 'AUTO'`;

export async function projectMetrics(access: ProjectAccess, versionId?: string) {
  const projectId = access.projectId;
  const db = await getDb();
  const run = await sqlRunner();
  const project = await db.project.findUniqueOrThrow({
    where: { id: projectId },
    select: { taskType: true, blindShare: true, labels: { select: { name: true, scale: true }, orderBy: { position: "asc" } } },
  });
  const versions = await versionSummaries(projectId);
  const version = versionId ? versions.find((v) => v.id === versionId) : byItemsLabeled(versions)[0];
  if (versionId && !version) throw new AppError("NOT_FOUND", "Prompt version not found.");
  const taskType = project.taskType as TaskType;
  const labels = project.labels.map((l) => l.name);
  const criteria = taskTypeDef(taskType).criteria;
  const scope = version ? { projectId, versionId: version.id, taskType, labels, scales: scalesOf(project.labels) } : null;
  const [goldCounts, agreement, annotators, slices, acceptanceCost, peopleByCriterion, grounding] = await Promise.all([
    // AUTO gold is counted apart: it is the model's own answer, never gold to measure it with.
    // Synthetic items' gold is counted apart too: the figures below are measured on real items only
    // (runs never label synthetic items). A partial index finds them without reading every item.
    run<{ gold: number; blind: number; auto: number; items: number; synthetic: number; syntheticBlind: number }>(
      sql`SELECT (count(*) FILTER (WHERE source <> 'AUTO'))::int AS gold, (count(*) FILTER (WHERE blind AND source <> 'AUTO'))::int AS blind,
                 (count(*) FILTER (WHERE source = 'AUTO'))::int AS auto, (SELECT count(*) FROM "Item" WHERE "projectId" = ${projectId})::int AS items,
                 (SELECT count(*) ${syntheticGold(projectId)})::int AS synthetic, (SELECT count(*) ${syntheticGold(projectId)} AND g.blind)::int AS "syntheticBlind"
          FROM "GoldLabel" WHERE "projectId" = ${projectId}`,
    ),
    annotatorAgreement(run, projectId, taskType),
    annotatorStats(run, projectId, taskType),
    scope ? sliceMetrics(run, scope) : null,
    scope ? acceptanceAndCost(run, projectId, scope.versionId, taskType) : null,
    criteria ? ratingPeople(run, projectId, labels) : null,
    // Only chain-of-thought versions were asked for evidence: the others' suggestions are not scanned for it.
    scope && version?.strategy === "CHAIN_OF_THOUGHT" ? groundingFigures(run, scope, goldWithSuggestion(scope)) : null,
  ]);
  const counts = goldCounts[0];
  return {
    taskType,
    labels,
    versions,
    version: version ?? null,
    gold: { gold: counts.gold - counts.synthetic, blind: counts.blind - counts.syntheticBlind, synthetic: counts.synthetic },
    autoAccepted: goldCounts[0].auto,
    items: goldCounts[0].items,
    blindShare: project.blindShare,
    slices,
    goldNeeded: slices && {
      all: goldNeeded(slices.all, goldCounts[0].items - goldCounts[0].gold - goldCounts[0].auto),
      blind: goldNeeded(slices.blind, Math.round((goldCounts[0].items - goldCounts[0].gold - goldCounts[0].auto) * project.blindShare)),
      assisted: goldNeeded(slices.assisted, Math.round((goldCounts[0].items - goldCounts[0].gold - goldCounts[0].auto) * (1 - project.blindShare))),
    },
    acceptance: acceptanceCost?.acceptance ?? [],
    cost: acceptanceCost?.cost ?? null,
    agreement,
    /** A rubric: people's agreement with each other, criterion by criterion. */
    peopleByCriterion,
    /** Rationales checked against the item (null when the version was not asked for evidence). */
    grounding,
    annotators,
  };
}
