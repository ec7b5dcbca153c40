// Rationales checked against the text, per prompt version: how many of the version's suggestions
// quote words their item does not contain, and how accurate grounded and ungrounded suggestions
// are against gold (each with its interval). Null for a version that was never asked for evidence.
import { sql, type Sql } from "@/lib/db/sql";
import { canonicalSql } from "@/lib/gold/canonical";
import { wilson, type Interval } from "@/lib/stats/measures";
import type { TaskType } from "@/lib/values/value";

type Query = <T>(statement: Sql) => Promise<T[]>;

export type GroundingFigures = {
  suggestions: number;
  ungrounded: number;
  ungroundedShare: number;
  ungroundedInterval: Interval | null;
  /** Against gold: grounded and ungrounded suggestions' accuracy. */
  grounded: { n: number; correct: number; accuracy: number | null; interval: Interval | null };
  notFound: { n: number; correct: number; accuracy: number | null; interval: Interval | null };
};

const accuracy = (n: number, correct: number) => ({ n, correct, accuracy: n ? correct / n : null, interval: wilson(correct, n) });

/** `goldFrom`: the metrics' gold-with-suggestion scan of the version (rows s, g: lib/metrics/queries.ts). */
export async function groundingFigures(
  run: Query,
  scope: { projectId: string; versionId: string; taskType: TaskType },
  goldFrom: Sql,
): Promise<GroundingFigures | null> {
  const [counts, gold] = await Promise.all([
    run<{ suggestions: number; ungrounded: number }>(
      sql`SELECT count(*)::int AS suggestions, (count(*) FILTER (WHERE NOT grounded))::int AS ungrounded FROM "Suggestion"
          WHERE "projectId" = ${scope.projectId} AND "promptVersionId" = ${scope.versionId} AND status = 'OK' AND grounded IS NOT NULL`,
    ),
    run<{ grounded: boolean; n: number; correct: number }>(
      sql`SELECT s.grounded, count(*)::int AS n,
                 (count(*) FILTER (WHERE ${canonicalSql(scope.taskType, sql`s.value`)} = ${canonicalSql(scope.taskType, sql`g.value`)}))::int AS correct
          ${goldFrom} AND s.grounded IS NOT NULL GROUP BY 1`,
    ),
  ]);
  const { suggestions, ungrounded } = counts[0];
  if (!suggestions) return null;
  const side = (grounded: boolean) => gold.find((g) => g.grounded === grounded) ?? { n: 0, correct: 0 };
  return {
    suggestions,
    ungrounded,
    ungroundedShare: ungrounded / suggestions,
    ungroundedInterval: wilson(ungrounded, suggestions),
    grounded: accuracy(side(true).n, side(true).correct),
    notFound: accuracy(side(false).n, side(false).correct),
  };
}
