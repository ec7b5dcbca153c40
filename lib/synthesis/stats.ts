// What Quality shows about synthetic data, apart from the model's figures (which are computed on
// real items only: runs never select synthetic items). Per label, real and synthetic counts (and
// how many rare labels have few gold examples, to suggest where to generate); per job, what people
// did with its items (kept the intended label, relabeled, rejected as unusable); and per label, a
// diversity figure: the mean pairwise 5-gram Jaccard similarity among synthetic items beside the
// same among real items of the label (on a sample), so a lead sees whether the new texts are more
// alike than real ones.
import { getDatabase } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { jaccard, shingles } from "@/lib/synthesis/near-duplicates";
import type { TaskType } from "@/lib/llm/output-schema";

/** synthetic: items generated for the label; syntheticGold: synthetic items whose gold (after review) has it. */
export type LabelCounts = { label: string; realGold: number; synthetic: number; syntheticGold: number };
export type JobOutcome = { jobId: string; label: string; createdAt: Date; items: number; reviewed: number; kept: number; relabeled: number; rejected: number };
export type Diversity = { label: string; synthetic: number | null; real: number | null; syntheticItems: number; realItems: number };

const SAMPLE = 60;
/** The gold has the job's label (NULL-safe: a single-label value has no "labels", and the reverse). */
const KEPT_LABEL = sql`(coalesce(g.value->>'label' = j.label, false) OR coalesce(g.value->'labels' @> jsonb_build_array(j.label), false))`;

/** Mean Jaccard similarity over all pairs of a sample (null below two texts). */
export function meanPairwiseSimilarity(texts: string[]): number | null {
  if (texts.length < 2) return null;
  const sets = texts.map(shingles);
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < sets.length; i++) for (let j = i + 1; j < sets.length; j++, pairs++) sum += jaccard(sets[i], sets[j]);
  return sum / pairs;
}

const goldLabel = (taskType: TaskType) => (taskType === "SINGLE_LABEL" ? sql`g.value->>'label'` : sql`jsonb_array_elements_text(g.value->'labels')`);

export async function synthesisStats(projectId: string, taskType: TaskType): Promise<{ labels: LabelCounts[]; jobs: JobOutcome[]; diversity: Diversity[] } | null> {
  if (taskType === "SPANS") return null;
  const database = await getDatabase();
  const [{ any }] = await database.query<{ any: boolean }>(sql`SELECT EXISTS (SELECT 1 FROM "SynthesisJob" WHERE "projectId" = ${projectId}) AS any`);
  const labels = await database.query<LabelCounts>(sql`
    SELECT l.name AS label,
      (SELECT count(*)::int FROM (SELECT ${goldLabel(taskType)} AS x FROM "GoldLabel" g JOIN "Item" i ON i.id = g."itemId"
         WHERE g."projectId" = ${projectId} AND g.source <> 'AUTO' AND i.origin = 'REAL') t WHERE t.x = l.name) AS "realGold",
      (SELECT count(*)::int FROM "SynthesisJob" j JOIN "Item" i ON i."synthesisJobId" = j.id WHERE j."projectId" = ${projectId} AND j.label = l.name) AS synthetic,
      (SELECT count(*)::int FROM (SELECT ${goldLabel(taskType)} AS x FROM "GoldLabel" g JOIN "Item" i ON i.id = g."itemId"
         WHERE g."projectId" = ${projectId} AND i.origin = 'SYNTHETIC') t WHERE t.x = l.name) AS "syntheticGold"
    FROM "Label" l WHERE l."projectId" = ${projectId} AND l."retiredAt" IS NULL ORDER BY l.position`);
  if (!any) return { labels, jobs: [], diversity: [] };
  const jobs = await database.query<JobOutcome>(sql`
    SELECT j.id AS "jobId", j.label, j."createdAt", count(i.id)::int AS items,
      count(i.id) FILTER (WHERE i."reviewCount" > 0 OR i."rejectedAt" IS NOT NULL)::int AS reviewed,
      count(i.id) FILTER (WHERE ${KEPT_LABEL})::int AS kept,
      count(i.id) FILTER (WHERE g."itemId" IS NOT NULL AND NOT ${KEPT_LABEL})::int AS relabeled,
      count(i.id) FILTER (WHERE i."rejectedAt" IS NOT NULL)::int AS rejected
    FROM "SynthesisJob" j LEFT JOIN "Item" i ON i."synthesisJobId" = j.id LEFT JOIN "GoldLabel" g ON g."itemId" = i.id
    WHERE j."projectId" = ${projectId} GROUP BY j.id ORDER BY j."createdAt" DESC LIMIT 20`);
  const diversity: Diversity[] = [];
  for (const label of [...new Set(jobs.map((j) => j.label))]) {
    const synthetic = await database.query<{ text: string }>(sql`
      SELECT i.text FROM "Item" i JOIN "SynthesisJob" j ON j.id = i."synthesisJobId"
      WHERE j."projectId" = ${projectId} AND j.label = ${label} AND i."rejectedAt" IS NULL ORDER BY i.id DESC LIMIT ${SAMPLE}`);
    const real = await database.query<{ text: string }>(sql`
      SELECT i.text FROM "GoldLabel" g JOIN "Item" i ON i.id = g."itemId"
      WHERE g."projectId" = ${projectId} AND g.source <> 'AUTO' AND i.origin = 'REAL' AND (g.value->>'label' = ${label} OR g.value->'labels' @> jsonb_build_array(${label}::text))
      ORDER BY hashtext(i.id::text) LIMIT ${SAMPLE}`);
    diversity.push({ label, synthetic: meanPairwiseSimilarity(synthetic.map((r) => r.text)), real: meanPairwiseSimilarity(real.map((r) => r.text)), syntheticItems: synthetic.length, realItems: real.length });
  }
  return { labels, jobs, diversity };
}
