// Reading a project's items for export in id order, a batch at a time (keyset on the item id), so
// memory stays flat whatever the project's size. Every read of one export runs in one
// repeatable-read transaction (see run-export.ts), so the file is one consistent snapshot: its
// row count matches its lines even while reviews land.
import type { Prisma } from "@/lib/generated/prisma/client";
import { taskTypeDef } from "@/lib/task-types";
import { sql, type Sql } from "@/lib/db/sql";
import type { SqlSession } from "@/lib/db/sql-session";
import { canonicalSql } from "@/lib/gold/canonical";
import type { ExportOptions } from "@/lib/exports/options";
import type { TaskType } from "@/lib/values/value";

export type ExportRow = {
  id: number;
  externalId: string;
  text: string;
  metadata: Prisma.JsonValue;
  /** REAL or SYNTHETIC (written by a synthesis job and validated by people). */
  origin: string;
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
  /** A pairwise item's responses and their models; the judge's answer per order (lib/pairwise/judge.ts). */
  pair: { a: string; b: string; aModel: string | null; bModel: string | null } | null;
  judgments: unknown;
  /** An image item's picture: its hash in the media store, its type and its path in the upload. */
  image: { sha256: string; contentType: string; path: string } | null;
  /** The item's reference label (imported), if any. */
  reference: unknown;
  /** Label Studio exports only: every annotation behind the reference, and every version's suggestion. */
  referenceAnnotations: { value: unknown; annotator: string | null; leadTime: number | null; createdAt: string | null; groundTruth: boolean }[] | null;
  allSuggestions: { value: unknown; score: number | null; model: string; number: number; external: string | null }[] | null;
};

export const EXPORT_BATCH = 2000;

/**
 * Which items a format can use: every item in scope; only those where the model and the gold
 * differ (preference pairs); only those with an answer to teach (fine-tuning: the gold, or the
 * model's suggestion when the scope is "everything with a suggestion"); for a pairwise project's
 * preference file, the pairs whose gold prefers one side (ties and "both bad" teach no preference).
 */
export type RowKind = "all" | "preference" | "finetune" | "pairs";

/** Reviewed blind: the gold's flag, or for items without gold, any blind decision. */
const BLIND = sql`coalesce(g.blind, EXISTS (SELECT 1 FROM "Decision" b WHERE b."itemId" = i.id AND b.blind))`;

export type ExportQuery = { projectId: string; options: ExportOptions; taskType: TaskType };

function scopeFilter(q: ExportQuery): Sql {
  if (q.options.scope === "GOLD") return sql`AND g."itemId" IS NOT NULL`;
  if (q.options.scope === "REVIEWED") return sql`AND i."reviewCount" > 0`;
  if (q.options.scope === "ALL") return sql``;
  return sql`AND s.value IS NOT NULL`;
}

function kindFilter(q: ExportQuery, kind: RowKind): Sql {
  if (kind === "preference")
    return sql`AND g."itemId" IS NOT NULL AND s.value IS NOT NULL AND ${canonicalSql(q.taskType, sql`g.value`)} <> ${canonicalSql(q.taskType, sql`s.value`)}`;
  if (kind === "pairs") return sql`AND EXISTS (SELECT 1 FROM "ItemPair" p WHERE p."itemId" = i.id) AND g.value->>'label' IN ('A', 'B')`;
  if (kind === "finetune") return q.options.scope === "SUGGESTED" ? sql`AND (g."itemId" IS NOT NULL OR s.value IS NOT NULL)` : sql`AND g."itemId" IS NOT NULL`;
  return sql``;
}

/**
 * Without a chosen version, a record's suggestion is the newest one, but never a candidate's under
 * test (lib/alignment): those answered only held-out items, to be compared, and are not in use.
 */
const NOT_A_CANDIDATE = (projectId: string) =>
  sql`AND s."promptVersionId" NOT IN (SELECT v.id FROM "PromptVersion" v WHERE v."projectId" = ${projectId} AND v.trial)`;

/** The rows an export contains. `after`: the keyset bound, on the gold join too (else a merge join walks the gold index from the start on every batch). */
function selection(q: ExportQuery, kind: RowKind, after?: number): Sql {
  return sql`FROM "Item" i
    LEFT JOIN "GoldLabel" g ON g."itemId" = i.id ${after === undefined ? sql`` : sql`AND g."itemId" > ${after}`}
    LEFT JOIN LATERAL (SELECT s.value, s.confidence, s.model, s."promptVersionId", s.judgments FROM "Suggestion" s
                       WHERE s."itemId" = i.id AND s.status = 'OK'
                         ${q.options.promptVersionId ? sql`AND s."promptVersionId" = ${q.options.promptVersionId}` : NOT_A_CANDIDATE(q.projectId)}
                       ORDER BY s."createdAt" DESC, s.id LIMIT 1) s ON true
    LEFT JOIN "PromptVersion" pv ON pv.id = s."promptVersionId"
    WHERE i."projectId" = ${q.projectId} ${after === undefined ? sql`` : sql`AND i.id > ${after}`}
      ${scopeFilter(q)}
      ${q.options.includeBlind ? sql`` : sql`AND NOT ${BLIND}`}
      ${q.options.includeAuto ? sql`` : sql`AND g.source IS DISTINCT FROM 'AUTO'`}
      AND i."rejectedAt" IS NULL
      ${q.options.includeSynthetic ? sql`` : sql`AND i.origin = 'REAL'`}
      ${kindFilter(q, kind)}`;
}

const stratum = (q: ExportQuery) => sql`coalesce(${canonicalSql(q.taskType, sql`g.value`)}, ${canonicalSql(q.taskType, sql`s.value`)}, '')`;
const seededHash = (q: ExportQuery) => sql`md5(${q.options.split?.seed ?? ""}::text || ':' || i."externalId")`;

export async function countExportRows(tx: SqlSession, q: ExportQuery, kind: RowKind): Promise<number> {
  const [row] = await tx.query<{ n: number }>(sql`SELECT count(*)::int AS n ${selection(q, kind)}`);
  return Number(row.n);
}

/**
 * For a label-stratified split: per stratum (the gold value, else the suggestion), the largest
 * seeded hash that still goes to test. The test share of each stratum is its items with the
 * smallest md5(seed:id), so the split depends only on the seed and the data.
 */
export async function splitCutoffs(tx: SqlSession, q: ExportQuery, kind: RowKind): Promise<Map<string, string>> {
  const share = q.options.split?.testShare;
  if (!share) return new Map();
  const rows = await tx.query<{ stratum: string; cutoff: string | null }>(
    sql`WITH x AS (SELECT ${stratum(q)} AS stratum, ${seededHash(q)} AS h ${selection(q, kind)}),
          r AS (SELECT stratum, h, row_number() OVER (PARTITION BY stratum ORDER BY h) AS rn, count(*) OVER (PARTITION BY stratum) AS cnt FROM x)
     SELECT stratum, max(h) FILTER (WHERE rn <= round(cnt * ${share}::float8)) AS cutoff FROM r GROUP BY stratum`,
  );
  return new Map(rows.filter((r) => r.cutoff !== null).map((r) => [r.stratum, r.cutoff as string]));
}

/**
 * What only a Label Studio task carries back: every annotation the reference came from, and every
 * version's suggestion (each a Label Studio prediction under its own model_version).
 */
const labelStudioExtras = sql`(SELECT r.annotations FROM "ReferenceLabel" r WHERE r."itemId" = i.id) AS "referenceAnnotations",
  (SELECT coalesce(json_agg(json_build_object('value', s2.value, 'score', s2.confidence, 'model', s2.model, 'number', v2.number, 'external', v2."externalSource") ORDER BY v2.number), '[]'::json)
   FROM "Suggestion" s2 JOIN "PromptVersion" v2 ON v2.id = s2."promptVersionId" WHERE s2."itemId" = i.id AND s2.status = 'OK') AS "allSuggestions"`;

/** Yields batches of rows in item id order. */
export async function* exportBatches(tx: SqlSession, q: ExportQuery, kind: RowKind): AsyncGenerator<ExportRow[]> {
  // Only a pairwise project's rows look up their responses, only an image project's their picture.
  const { content } = taskTypeDef(q.taskType);
  let after = 0;
  for (;;) {
    // On the driver, not Prisma: its per-row decoding of a 2,000-row raw result costs more than the query.
    const rows = await tx.query<ExportRow>(
      sql`SELECT i.id, i."externalId", i.text, i.metadata, i.origin::text AS origin, g.value AS gold, g.source::text AS "goldSource",
                s.value AS suggestion, s.confidence, s.model, pv.number AS "promptVersion", s.judgments,
                ${content === "pair" ? sql`(SELECT json_build_object('a', p."responseA", 'b', p."responseB", 'aModel', p."modelA", 'bModel', p."modelB") FROM "ItemPair" p WHERE p."itemId" = i.id)` : sql`NULL::json`} AS pair,
                (SELECT coalesce(json_agg(json_build_object('annotator', d."annotatorId", 'action', d.action, 'value', d.value, 'blind', d.blind,
                                                            'seconds', d.seconds, 'at', to_char(d."createdAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
                                          ORDER BY d."createdAt", d.id), '[]'::json)
                 FROM "Decision" d WHERE d."itemId" = i.id) AS decisions,
                ${BLIND} AS blind,
                (SELECT r.value FROM "ReferenceLabel" r WHERE r."itemId" = i.id) AS reference,
                ${content === "image" ? sql`(SELECT json_build_object('sha256', m.sha256, 'contentType', m."contentType", 'path', m.path) FROM "ItemImage" m WHERE m."itemId" = i.id)` : sql`NULL::json`} AS image,
                ${q.options.format === "LABEL_STUDIO" ? labelStudioExtras : sql`NULL::jsonb AS "referenceAnnotations", NULL::json AS "allSuggestions"`},
                ${q.options.split ? stratum(q) : sql`NULL::text`} AS stratum,
                ${q.options.split ? seededHash(q) : sql`NULL::text`} AS hash
         ${selection(q, kind, after)}
         ORDER BY i.id LIMIT ${EXPORT_BATCH}`,
    );
    if (!rows.length) return;
    after = Number(rows[rows.length - 1].id);
    yield rows;
    if (rows.length < EXPORT_BATCH) return;
  }
}
