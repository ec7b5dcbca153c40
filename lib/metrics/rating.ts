// A rubric's figures, criterion by criterion: the model's levels against gold (exact and
// within-one agreement, mean absolute error, quadratic weighted kappa, Krippendorff's ordinal
// alpha, and its bias as the mean signed difference, each with its interval: lib/stats/ordinal.ts),
// and how much people agree with each other on the items two or more of them rated. The database
// returns one row per (slice, criterion, model level, gold level): a few hundred, whatever the size.
import { sql, type Sql } from "@/lib/db/sql";
import { jsonNumber } from "@/lib/task-types/sql";
import { levelsOf, scaleOf, type Scale, type Scales } from "@/lib/task-types";
import { bootstrapInterval, krippendorffAlpha, ordinalAgreement, type Estimate, type RatingPair } from "@/lib/stats/ordinal";

type Query = <T>(statement: Sql) => Promise<T[]>;

export type RatingCell = { blind: boolean; criterion: string; model: number | null; gold: number | null; n: number };
export type CriterionFigures = ReturnType<typeof ordinalAgreement> & { criterion: string; scale: Scale };
export type CriterionPeople = { criterion: string; items: number; alpha: Estimate | null };

const level = (value: Sql) => sql`${jsonNumber(sql`${value}->'scores'->c.name`)}::int`;

/** Model level × gold level counts per criterion; `from` is the metrics' gold-with-suggestion scan (rows s, g). */
export function ratingCells(run: Query, from: (join: Sql) => Sql, criteria: string[]) {
  return run<RatingCell>(
    sql`SELECT g.blind, c.name AS criterion, ${level(sql`s.value`)} AS model, ${level(sql`g.value`)} AS gold, count(*)::int AS n
        ${from(sql`CROSS JOIN unnest(${criteria}::text[]) AS c(name)`)}
        GROUP BY 1, 2, 3, 4`,
  );
}

/** Each criterion's figures over the cells of one slice (a criterion either side did not rate is left out). */
export function ratingFigures(cells: RatingCell[], criteria: string[], scales: Scales): CriterionFigures[] {
  return criteria.map((criterion) => {
    const pairs: RatingPair[] = [];
    for (const c of cells) {
      if (c.criterion !== criterion || c.model === null || c.gold === null) continue;
      for (let i = 0; i < c.n; i++) pairs.push({ a: c.model, b: c.gold });
    }
    const scale = scaleOf(scales, criterion);
    return { criterion, scale, ...ordinalAgreement(pairs, levelsOf(scale)) };
  });
}

/**
 * People with each other, per criterion: Krippendorff's ordinal alpha over the items two or more
 * people rated (skips left out), with a bootstrap interval over those items.
 */
export async function ratingPeople(run: Query, projectId: string, criteria: string[]): Promise<CriterionPeople[]> {
  const rows = await run<{ criterion: string; itemId: number; levels: number[] }>(
    sql`SELECT c.name AS criterion, d."itemId", array_agg(${level(sql`d.value`)}) AS levels
        FROM "Item" i JOIN "Decision" d ON d."itemId" = i.id CROSS JOIN unnest(${criteria}::text[]) AS c(name)
        WHERE i."projectId" = ${projectId} AND i."reviewCount" >= 2 AND d.action <> 'SKIPPED' AND ${level(sql`d.value`)} IS NOT NULL
        GROUP BY 1, 2`,
  );
  return criteria.map((criterion) => {
    const units = rows.filter((r) => r.criterion === criterion && r.levels.length >= 2).map((r) => r.levels.map(Number));
    const alpha = krippendorffAlpha(units, "ordinal");
    return {
      criterion,
      items: units.length,
      alpha: alpha === null ? null : { value: alpha, interval: bootstrapInterval(units, (sample) => krippendorffAlpha(sample, "ordinal")) },
    };
  });
}
