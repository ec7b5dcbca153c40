// What Quality shows about synthetic data, apart from the model's figures (which are computed on
// real items only: runs never select synthetic items). Per label, real and synthetic counts (and
// how many rare labels have few gold examples, to suggest where to generate); per job, what people
// did with its items (kept the intended label, relabeled, rejected as unusable); and per label, a
// diversity figure: the mean pairwise 5-gram Jaccard similarity among synthetic items beside the
// same among real items of the label (on a sample), so a lead sees whether the new texts are more
// alike than real ones.
import { getDatabase } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { holdsLabel } from "@/lib/gold/canonical";
import { jaccard, shingles } from "@/lib/synthesis/near-duplicates";
import { isSingleValued, type TaskType } from "@/lib/values/value";
import { taskTypeDef } from "@/lib/task-types";

/** synthetic: items generated for the label; syntheticGold: synthetic items whose gold (after review) has it. */
export type LabelCounts = { label: string; realGold: number; synthetic: number; syntheticGold: number };
export type JobOutcome = { jobId: string; label: string; createdAt: Date; items: number; reviewed: number; kept: number; relabeled: number; rejected: number };
export type Diversity = { label: string; synthetic: number | null; real: number | null; syntheticItems: number; realItems: number };

const SAMPLE = 60;
/** The gold has the job's label. */
const KEPT_LABEL = holdsLabel(sql`g.value`, sql`j.label`);

/** Mean Jaccard similarity over all pairs of a sample (null below two texts). */
export function meanPairwiseSimilarity(texts: string[]): number | null {
  if (texts.length < 2) return null;
  const sets = texts.map(shingles);
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < sets.length; i++) for (let j = i + 1; j < sets.length; j++, pairs++) sum += jaccard(sets[i], sets[j]);
  return sum / pairs;
}

/** Each label name a gold value holds, as rows of a lateral join. */
const goldLabels = (taskType: TaskType) => (isSingleValued(taskType) ? sql`(SELECT g.value->>'label')` : sql`jsonb_array_elements_text(g.value->'labels')`);

export async function synthesisStats(
  projectId: string,
  taskType: TaskType,
): Promise<{ labels: LabelCounts[]; jobs: JobOutcome[]; diversity: Diversity[] } | null> {
  if (!taskTypeDef(taskType).capabilities.synthesis) return null; // synthesis writes neither spans nor pairs
  const database = await getDatabase();
  const [{ any }] = await database.query<{ any: boolean }>(sql`SELECT EXISTS (SELECT 1 FROM "SynthesisJob" WHERE "projectId" = ${projectId}) AS any`);
  // One pass over the project's gold (per label: real, without auto-accepted; synthetic) and one
  // over its synthetic items, rather than a pass per label.
  const labels = await database.query<LabelCounts>(sql`
    SELECT l.name AS label, coalesce(gold.real, 0)::int AS "realGold", coalesce(made.n, 0)::int AS synthetic, coalesce(gold.synthetic, 0)::int AS "syntheticGold"
    FROM "Label" l
    LEFT JOIN (SELECT x.label, count(*) FILTER (WHERE i.origin = 'REAL' AND g.source <> 'AUTO') AS real, count(*) FILTER (WHERE i.origin = 'SYNTHETIC') AS synthetic
               FROM "GoldLabel" g JOIN "Item" i ON i.id = g."itemId" CROSS JOIN LATERAL ${goldLabels(taskType)} AS x(label)
               WHERE g."projectId" = ${projectId} GROUP BY 1) gold ON gold.label = l.name
    LEFT JOIN (SELECT j.label, count(*) AS n FROM "SynthesisJob" j JOIN "Item" i ON i."synthesisJobId" = j.id
               WHERE j."projectId" = ${projectId} GROUP BY 1) made ON made.label = l.name
    WHERE l."projectId" = ${projectId} AND l."retiredAt" IS NULL ORDER BY l.position`);
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
      WHERE g."projectId" = ${projectId} AND g.source <> 'AUTO' AND i.origin = 'REAL' AND ${holdsLabel(sql`g.value`, label)}
      ORDER BY hashtext(i.id::text) LIMIT ${SAMPLE}`);
    diversity.push({
      label,
      synthetic: meanPairwiseSimilarity(synthetic.map((r) => r.text)),
      real: meanPairwiseSimilarity(real.map((r) => r.text)),
      syntheticItems: synthetic.length,
      realItems: real.length,
    });
  }
  return { labels, jobs, diversity };
}
