// The Quality page's pairwise figures. Position bias: each item is judged in both orders, so
// whatever the true preferences, an unbiased judge picks the first-shown response in half of its
// decisive answers; the share above one half is preference for the position, not for the
// response. People see each pair in an order fixed by a coin per (item, person)
// (lib/pairwise/order.ts), so the same reading holds for them. Self-consistency: the share of
// items whose two orders got the same answer. The leaderboard ranks the models that wrote the
// responses from human gold and, separately, from the judge alone (lib/pairwise/bradley-terry.ts).
import { getDb } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { wilson, type Interval } from "@/lib/stats/measures";
import { shownSwappedSql } from "@/lib/pairwise/order";
import { leaderboard, type Game, type Standing } from "@/lib/pairwise/bradley-terry";
import type { ProjectAccess } from "@/lib/auth/access";

export type Rate = { k: number; n: number; rate: number | null; interval: Interval | null };
const rate = (k: number, n: number): Rate => ({ k, n, rate: n ? k / n : null, interval: wilson(k, n) });

/** Position bias as a number from -1 to 1: 0 unbiased, 1 always the first-shown response. */
export const positionBias = (firstShare: number | null) => (firstShare === null ? null : 2 * firstShare - 1);

export type JudgeFigures = { versionId: string; versionNumber: number; firstShown: Rate; consistency: Rate; items: number };

/** Per prompt version: the judge's first-shown share among decisive answers, and its self-consistency. */
export async function judgeFigures(projectId: string): Promise<JudgeFigures[]> {
  const db = await getDb();
  const rows = await db.$queryRaw<{ versionId: string; versionNumber: number; firsts: number; decisive: number; consistent: number; items: number }[]>(
    sql`WITH j AS (
          SELECT s."promptVersionId" AS v, s."itemId", e->>'order' AS ord, e->>'shown' AS shown, e->>'label' AS label
          FROM "Suggestion" s, jsonb_array_elements(CASE WHEN jsonb_typeof(s.judgments) = 'array' THEN s.judgments ELSE '[]'::jsonb END) e
          WHERE s."projectId" = ${projectId} AND s.judgments IS NOT NULL),
        both_orders AS (
          -- Items whose every request was answered, in both orders (a failed request leaves its order unbalanced).
          SELECT v, "itemId", count(DISTINCT label) = 1 AS same FROM j GROUP BY v, "itemId"
          HAVING count(DISTINCT ord) = 2 AND count(*) FILTER (WHERE label IS NULL) = 0)
        SELECT pv.id AS "versionId", pv.number AS "versionNumber",
               (SELECT count(*) FROM j JOIN both_orders b USING (v, "itemId") WHERE j.v = pv.id AND j.shown = 'A')::int AS firsts,
               (SELECT count(*) FROM j JOIN both_orders b USING (v, "itemId") WHERE j.v = pv.id AND j.shown IN ('A', 'B'))::int AS decisive,
               (SELECT count(*) FROM both_orders b WHERE b.v = pv.id AND b.same)::int AS consistent,
               (SELECT count(*) FROM both_orders b WHERE b.v = pv.id)::int AS items
        FROM "PromptVersion" pv WHERE pv."projectId" = ${projectId} AND EXISTS (SELECT 1 FROM j WHERE j.v = pv.id)
        ORDER BY pv.number DESC`,
  );
  return rows.map((r) => ({
    versionId: r.versionId,
    versionNumber: r.versionNumber,
    firstShown: rate(r.firsts, r.decisive),
    consistency: rate(r.consistent, r.items),
    items: r.items,
  }));
}

/** People's first-shown share among their decisive answers (A or B), as each person saw the pair. */
export async function humanFirstShown(projectId: string): Promise<Rate> {
  const db = await getDb();
  const [r] = await db.$queryRaw<{ firsts: number; decisive: number }[]>(
    sql`SELECT count(*) FILTER (WHERE (d.value->>'label' = 'A') <> ${shownSwappedSql(sql`d."itemId"`, sql`d."annotatorId"`)})::int AS firsts,
               count(*)::int AS decisive
        FROM "Decision" d JOIN "Item" i ON i.id = d."itemId"
        WHERE d."projectId" = ${projectId} AND d.action <> 'SKIPPED' AND d.value->>'label' IN ('A', 'B') AND EXISTS (SELECT 1 FROM "ItemPair" p WHERE p."itemId" = i.id)`,
  );
  return rate(r.firsts, r.decisive);
}

const SCORE: Record<string, number> = { A: 1, B: 0, tie: 0.5 };

/**
 * Games between the models that wrote each pair: from human gold (not auto-accepted labels, which
 * are the judge's), or from one version's suggestions. "Both bad" and pairs without both model
 * names play no game; a model against itself neither.
 */
async function games(projectId: string, source: { gold: true } | { versionId: string }): Promise<Game[]> {
  const db = await getDb();
  const rows = await db.$queryRaw<{ a: string; b: string; label: string }[]>(
    "gold" in source
      ? sql`SELECT p."modelA" AS a, p."modelB" AS b, g.value->>'label' AS label FROM "Item" i JOIN "ItemPair" p ON p."itemId" = i.id JOIN "GoldLabel" g ON g."itemId" = i.id
            WHERE i."projectId" = ${projectId} AND p."modelA" IS NOT NULL AND p."modelB" IS NOT NULL AND p."modelA" <> p."modelB" AND g.source <> 'AUTO' AND i."rejectedAt" IS NULL`
      : sql`SELECT p."modelA" AS a, p."modelB" AS b, s.value->>'label' AS label FROM "Item" i JOIN "ItemPair" p ON p."itemId" = i.id JOIN "Suggestion" s ON s."itemId" = i.id
            WHERE i."projectId" = ${projectId} AND s."promptVersionId" = ${source.versionId} AND s.status = 'OK'
              AND p."modelA" IS NOT NULL AND p."modelB" IS NOT NULL AND p."modelA" <> p."modelB" AND i."rejectedAt" IS NULL`,
  );
  return rows.filter((r) => r.label in SCORE).map((r) => ({ a: r.a, b: r.b, score: SCORE[r.label] }));
}

export type PairwiseQuality = {
  judges: JudgeFigures[];
  human: Rate;
  leaderboard: { gold: Standing[]; judge: Standing[]; judgeVersion: number | null } | null;
};

/** Everything the Quality page's pairwise cards show. `versionId`: the judge the leaderboard compares with people. */
export async function pairwiseQuality(access: ProjectAccess, versionId: string | null): Promise<PairwiseQuality> {
  const projectId = access.projectId;
  const [judges, human] = await Promise.all([judgeFigures(projectId), humanFirstShown(projectId)]);
  const judge = judges.find((j) => j.versionId === versionId) ?? judges[0] ?? null;
  const [fromGold, fromJudge] = await Promise.all([
    games(projectId, { gold: true }),
    judge ? games(projectId, { versionId: judge.versionId }) : Promise.resolve([]),
  ]);
  const named = fromGold.length + fromJudge.length > 0;
  return {
    judges,
    human,
    leaderboard: named ? { gold: leaderboard(fromGold), judge: leaderboard(fromJudge), judgeVersion: judge?.versionNumber ?? null } : null,
  };
}
