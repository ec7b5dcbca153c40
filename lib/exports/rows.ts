// Reading a project's items for export in id order, a batch at a time (keyset on the item id), so
// memory stays flat whatever the project's size.
import type { Prisma } from "@/lib/generated/prisma/client";
import { getDatabase, getDb } from "@/lib/db";
import { canonicalSql } from "@/lib/metrics/queries";
import type { ExportOptions } from "@/lib/exports/options";
import type { TaskType } from "@/lib/llm/output-schema";

export type ExportRow = {
  id: number;
  externalId: string;
  text: string;
  metadata: Prisma.JsonValue;
  gold: unknown;
  goldSource: string | null;
  suggestion: unknown;
  confidence: number | null;
  promptVersion: number | null;
  model: string | null;
  decisions: { annotator: string; action: string; value: unknown; blind: boolean; seconds: number; at: string }[];
  blind: boolean;
  /** The canonical value the split stratifies on, and the item's seeded hash. */
  stratum: string | null;
  hash: string | null;
  split?: "train" | "test";
};

export const EXPORT_BATCH = 2000;

/** Reviewed blind: the gold's flag, or for items without gold, any blind decision. */
const BLIND_SQL = `coalesce(g.blind, EXISTS (SELECT 1 FROM "Decision" b WHERE b."itemId" = i.id AND b.blind))`;

type Query = { projectId: string; options: ExportOptions; taskType: TaskType };

function params(q: Query) {
  return [q.projectId, q.options.promptVersionId, q.options.split?.seed ?? ""];
}

/** The rows an export contains: scope, blind slice and (for preference pairs) a disagreement with gold. */
function selection(q: Query, preferenceOnly: boolean, afterParam?: string) {
  const { scope, includeBlind } = q.options;
  // The keyset bound on the gold join too: otherwise a merge join walks the gold index from the
  // project's first item on every batch, and the export slows down as it goes.
  return `FROM "Item" i
    LEFT JOIN "GoldLabel" g ON g."itemId" = i.id ${afterParam ? `AND g."itemId" > ${afterParam}` : ""}
    LEFT JOIN LATERAL (SELECT s.value, s.confidence, s.model, s."promptVersionId" FROM "Suggestion" s
                       WHERE s."itemId" = i.id AND s.status = 'OK' AND ($2::text IS NULL OR s."promptVersionId" = $2)
                       ORDER BY s."createdAt" DESC, s.id LIMIT 1) s ON true
    LEFT JOIN "PromptVersion" pv ON pv.id = s."promptVersionId"
    -- length($3): every query names the seed parameter, so PostgreSQL knows its type.
    WHERE i."projectId" = $1 AND length($3) >= 0
      ${scope === "GOLD" ? `AND g."itemId" IS NOT NULL` : scope === "REVIEWED" ? `AND i."reviewCount" > 0` : `AND s.value IS NOT NULL`}
      ${includeBlind ? "" : `AND NOT ${BLIND_SQL}`}
      ${preferenceOnly ? `AND g."itemId" IS NOT NULL AND s.value IS NOT NULL AND ${canonicalSql(q.taskType, "g.value")} <> ${canonicalSql(q.taskType, "s.value")}` : ""}`;
}

export async function countExportRows(q: Query, preferenceOnly: boolean): Promise<number> {
  const db = await getDb();
  const [row] = await db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n ${selection(q, preferenceOnly)}`, ...params(q));
  return row.n;
}

/**
 * For a label-stratified split: per stratum (the gold value, else the suggestion), the largest
 * seeded hash that still goes to test. The test share of each stratum is its items with the
 * smallest md5(seed:id), so the split depends only on the seed and the data.
 */
export async function splitCutoffs(q: Query, preferenceOnly: boolean): Promise<Map<string, string>> {
  const share = q.options.split?.testShare;
  if (!share) return new Map();
  const db = await getDb();
  const rows = await db.$queryRawUnsafe<{ stratum: string; cutoff: string | null }[]>(
    `WITH x AS (SELECT coalesce(${canonicalSql(q.taskType, "g.value")}, ${canonicalSql(q.taskType, "s.value")}, '') AS stratum, md5($3 || ':' || i."externalId") AS h
                ${selection(q, preferenceOnly)}),
          r AS (SELECT stratum, h, row_number() OVER (PARTITION BY stratum ORDER BY h) AS rn, count(*) OVER (PARTITION BY stratum) AS cnt FROM x)
     SELECT stratum, max(h) FILTER (WHERE rn <= round(cnt * $4::float8)) AS cutoff FROM r GROUP BY stratum`,
    ...params(q),
    share,
  );
  return new Map(rows.filter((r) => r.cutoff !== null).map((r) => [r.stratum, r.cutoff as string]));
}

/** Yields batches of rows in item id order. */
export async function* exportBatches(q: Query, preferenceOnly: boolean): AsyncGenerator<ExportRow[]> {
  const database = await getDatabase();
  let after = 0;
  for (;;) {
    // On the driver, not Prisma: its per-row decoding of a 2,000-row raw result costs more than the query.
    const rows = await database.rawTransaction((tx) =>
      tx.query<ExportRow>(
        `SELECT i.id, i."externalId", i.text, i.metadata, g.value AS gold, g.source::text AS "goldSource",
                s.value AS suggestion, s.confidence, s.model, pv.number AS "promptVersion",
                (SELECT coalesce(json_agg(json_build_object('annotator', d."annotatorId", 'action', d.action, 'value', d.value, 'blind', d.blind,
                                                            'seconds', d.seconds, 'at', to_char(d."createdAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
                                          ORDER BY d."createdAt", d.id), '[]'::json)
                 FROM "Decision" d WHERE d."itemId" = i.id) AS decisions,
                ${BLIND_SQL} AS blind,
                ${q.options.split ? `coalesce(${canonicalSql(q.taskType, "g.value")}, ${canonicalSql(q.taskType, "s.value")}, '')` : "NULL::text"} AS stratum,
                ${q.options.split ? `md5($3 || ':' || i."externalId")` : "NULL::text"} AS hash
         ${selection(q, preferenceOnly, "$4")}
           AND i.id > $4
         ORDER BY i.id LIMIT ${EXPORT_BATCH}`,
        [...params(q), after],
      ),
    );
    if (!rows.length) return;
    after = rows[rows.length - 1].id;
    yield rows;
    if (rows.length < EXPORT_BATCH) return;
  }
}
