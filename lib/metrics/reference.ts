// Agreement with reference labels (labels a team already had, imported as a reference): how often
// people's decisions, the project's gold and each version's suggestions give the same answer as
// the reference, each with its Wilson interval and the number of items it is computed on. The
// reference is what the team used before, not the truth: these are agreement rates, not accuracy.
import { getDatabase } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { canonicalSql } from "@/lib/gold/canonical";
import type { TaskType } from "@/lib/values/value";
import { wilson, type Interval } from "@/lib/stats/measures";
import { versionLabel, versionSummaries } from "@/lib/prompts/versions";

export type ReferenceRow = { who: string; hint: string; n: number; agree: number; rate: number | null; interval: Interval | null };
export type ReferenceAgreement = { references: number; rows: ReferenceRow[] };

const row = (who: string, hint: string, n: number, agree: number): ReferenceRow => ({
  who,
  hint,
  n,
  agree,
  rate: n ? agree / n : null,
  interval: wilson(agree, n),
});

/** null when the project has no reference labels (the card is then not shown). */
export async function referenceAgreement(projectId: string, taskType: TaskType): Promise<ReferenceAgreement | null> {
  const database = await getDatabase();
  const [{ references }] = await database.query<{ references: number }>(
    sql`SELECT count(*)::int AS "references" FROM "ReferenceLabel" WHERE "projectId" = ${projectId}`,
  );
  if (!references) return null;
  const same = (value: ReturnType<typeof sql>) => sql`${canonicalSql(taskType, value)} IS NOT DISTINCT FROM ${canonicalSql(taskType, sql`r.value`)}`;
  const [people] = await database.query<{ n: number; agree: number }>(sql`
    SELECT count(*)::int AS n, (count(*) FILTER (WHERE ${same(sql`d.value`)}))::int AS agree
    FROM "ReferenceLabel" r JOIN "Decision" d ON d."itemId" = r."itemId" AND d.action <> 'SKIPPED'
    WHERE r."projectId" = ${projectId}`);
  const gold = await database.query<{ auto: boolean; n: number; agree: number }>(sql`
    SELECT (g.source = 'AUTO') AS auto, count(*)::int AS n, (count(*) FILTER (WHERE ${same(sql`g.value`)}))::int AS agree
    FROM "ReferenceLabel" r JOIN "GoldLabel" g ON g."itemId" = r."itemId"
    WHERE r."projectId" = ${projectId} AND g.source <> 'IMPORTED'
    GROUP BY 1`);
  const byVersion = await database.query<{ promptVersionId: string; n: number; agree: number }>(sql`
    SELECT s."promptVersionId", count(*)::int AS n, (count(*) FILTER (WHERE ${same(sql`s.value`)}))::int AS agree
    FROM "ReferenceLabel" r JOIN "Suggestion" s ON s."itemId" = r."itemId" AND s.status = 'OK'
    WHERE r."projectId" = ${projectId}
    GROUP BY 1`);
  const versions = await versionSummaries(projectId);
  const human = gold.find((g) => !g.auto);
  const auto = gold.find((g) => g.auto);
  const rows = [
    row("Reviewers", "each person's decision on an item with a reference", people.n, people.agree),
    row("Gold", "the project's answer, made by people (agreement, a ruling, a correction)", human?.n ?? 0, human?.agree ?? 0),
    ...(auto ? [row("Auto-accepted", "suggestions accepted under the error budget, unchecked by people", auto.n, auto.agree)] : []),
    ...versions
      .map((v) => ({ v, counts: byVersion.find((b) => b.promptVersionId === v.id) }))
      .filter((x) => x.counts)
      .map(({ v, counts }) => row(`Version ${v.number}`, versionLabel(v), counts!.n, counts!.agree)),
  ];
  return { references, rows };
}
