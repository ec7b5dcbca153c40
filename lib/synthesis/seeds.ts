// What a generation request is seeded with: real gold examples of the label (people's gold, never
// auto-accepted, never synthetic), and for single-label projects the labels the model confuses it
// with most on gold (in either direction), each with a couple of gold examples, as hard negatives.
import { getDatabase } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { holdsLabel } from "@/lib/gold/canonical";

const SEEDS = 5;
const CONTRAST_LABELS = 2;
const CONTRAST_TEXTS = 2;

async function goldTexts(projectId: string, label: string, salt: string, limit: number): Promise<string[]> {
  const database = await getDatabase();
  const rows = await database.query<{ text: string }>(sql`
    SELECT i.text FROM "GoldLabel" g JOIN "Item" i ON i.id = g."itemId"
    WHERE g."projectId" = ${projectId} AND g.source <> 'AUTO' AND i.origin = 'REAL' AND ${holdsLabel(sql`g.value`, label)}
    ORDER BY hashtext(i.id::text || ${salt}) LIMIT ${limit}`);
  return rows.map((r) => r.text);
}

export async function synthesisSeeds(
  projectId: string,
  label: string,
  salt: string,
): Promise<{ seeds: string[]; contrasts: { label: string; texts: string[] }[] }> {
  const database = await getDatabase();
  const confused = await database.query<{ other: string }>(sql`
    SELECT CASE WHEN s."goldValue"->>'label' = ${label} THEN s.value->>'label' ELSE s."goldValue"->>'label' END AS other, count(*) AS n
    FROM "Suggestion" s
    WHERE s."projectId" = ${projectId} AND s.status = 'OK' AND s."goldValue" IS NOT NULL
      AND ((s."goldValue"->>'label' = ${label} AND s.value->>'label' <> ${label}) OR (s.value->>'label' = ${label} AND s."goldValue"->>'label' <> ${label}))
    GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${CONTRAST_LABELS}`);
  const contrasts = [];
  for (const { other } of confused) {
    const texts = await goldTexts(projectId, other, salt, CONTRAST_TEXTS);
    if (texts.length) contrasts.push({ label: other, texts });
  }
  return { seeds: await goldTexts(projectId, label, salt, SEEDS), contrasts };
}
