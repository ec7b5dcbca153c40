// Item list statements. Lists use keyset pagination on (projectId, id): the cost of a page does
// not grow with how deep into the project it is, unlike OFFSET.
import { and, empty, sql, type Sql } from "@/lib/db/sql";
import { holdsLabel } from "@/lib/gold/canonical";

export const PREVIEW_CHARS = 240;

export type ItemRow = { id: number; externalId: string; preview: string; textLength: number; status: "NEW" | "PRELABELED" | "REVIEWED"; createdAt: Date };
/** What a lead's list shows beside each item: the latest good suggestion, the gold, the reviews and how much they agree. */
export type ItemReviewRow = {
  id: number;
  suggestion: { value: unknown; confidence: number | null; version: number } | null;
  gold: unknown;
  goldSource: string | null;
  /** REAL or SYNTHETIC; rejected: a reviewer rejected the synthetic item as unusable. */
  origin: string;
  rejected: boolean;
  decisions: number;
  agreement: number | null;
};

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Every word must occur in the text (as a substring, any case). Each word is an ILIKE the trigram
 * index (Item_text_trgm_idx) can answer; words shorter than three characters have no trigrams and
 * only narrow what the others found.
 */
export function textContainsAll(words: string[]): Sql[] {
  return words.map((w) => sql`text ILIKE ${`%${escapeLike(w)}%`}`);
}

export const hasGold = (yes: boolean) =>
  yes ? sql`EXISTS (SELECT 1 FROM "GoldLabel" g WHERE g."itemId" = "Item".id)` : sql`NOT EXISTS (SELECT 1 FROM "GoldLabel" g WHERE g."itemId" = "Item".id)`;

/** Items whose latest good suggestion differs from their gold value. */
export const disagreesWithModel = sql`EXISTS (SELECT 1 FROM "GoldLabel" g WHERE g."itemId" = "Item".id AND g.value IS DISTINCT FROM
    (SELECT s.value FROM "Suggestion" s WHERE s."itemId" = "Item".id AND s.status = 'OK' ORDER BY s."createdAt" DESC LIMIT 1))
  AND EXISTS (SELECT 1 FROM "Suggestion" s WHERE s."itemId" = "Item".id AND s.status = 'OK')`;

export const goldHasLabel = (label: string) => sql`EXISTS (SELECT 1 FROM "GoldLabel" g WHERE g."itemId" = "Item".id AND ${holdsLabel(sql`g.value`, label)})`;

/** The latest good suggestion (of one prompt version, when given) holds the label. */
export const suggestionHasLabel = (label: string, promptVersionId?: string) =>
  sql`EXISTS (SELECT 1 FROM (SELECT s.value FROM "Suggestion" s WHERE s."itemId" = "Item".id AND s.status = 'OK' ${promptVersionId ? sql`AND s."promptVersionId" = ${promptVersionId}` : empty}
              ORDER BY s."createdAt" DESC LIMIT 1) latest WHERE ${holdsLabel(sql`latest.value`, label)})`;

export const suggestedByVersion = (promptVersionId: string) =>
  sql`EXISTS (SELECT 1 FROM "Suggestion" s WHERE s."itemId" = "Item".id AND s."promptVersionId" = ${promptVersionId} AND s.status = 'OK')`;

export const confidenceBetween = (min: number | undefined, max: number | undefined) => sql`"suggestionConfidence" BETWEEN ${min ?? 0} AND ${max ?? 1}`;

export const metadataEquals = (key: string, value: string) => sql`metadata ->> ${key} = ${value}`;

export const decidedBy = (annotatorId: string) => sql`EXISTS (SELECT 1 FROM "Decision" d WHERE d."itemId" = "Item".id AND d."annotatorId" = ${annotatorId})`;

const COLUMNS = sql`id, "externalId", left(text, ${PREVIEW_CHARS}) AS preview, length(text) AS "textLength", status::text AS status, "createdAt"`;
const direction = (backwards: boolean) => (backwards ? sql`DESC` : sql`ASC`);

/** A page without a text search (plus one row, to tell whether another exists). Only a preview of the text leaves the database. */
export function itemPage(where: Sql[], backwards: boolean, limit: number): Sql {
  return sql`SELECT ${COLUMNS} FROM "Item" WHERE ${and(where)} ORDER BY id ${direction(backwards)} LIMIT ${limit}`;
}

/**
 * Search, first way: the next `window` items in id order (the other filters applied), tested
 * against the words, stopping as soon as a page is full. Cheap whenever the words are common.
 */
export function searchAhead(where: Sql[], words: Sql[], backwards: boolean, window: number, limit: number): Sql {
  return sql`SELECT id FROM (SELECT id, text FROM "Item" WHERE ${and(where)} ORDER BY id ${direction(backwards)} LIMIT ${window}) ahead
    WHERE ${and(words)} ORDER BY id ${direction(backwards)} LIMIT ${limit}`;
}

/** The id of the `window`-th item in order: where the first way stopped looking (none: the items ran out). */
export function windowEnd(where: Sql[], backwards: boolean, window: number): Sql {
  return sql`SELECT id FROM "Item" WHERE ${and(where)} ORDER BY id ${direction(backwards)} OFFSET ${window - 1} LIMIT 1`;
}

/**
 * Search, second way, for words too rare for the first: every match through the trigram index
 * (MATERIALIZED, so the planner cannot turn it back into a walk of the whole project in id order,
 * which its estimate for a rare word would make it prefer), then the page.
 */
export function searchByIndex(where: Sql[], words: Sql[], backwards: boolean, limit: number): Sql {
  return sql`WITH found AS MATERIALIZED (SELECT id FROM "Item" WHERE ${and([...where, ...words])})
    SELECT id FROM found ORDER BY id ${direction(backwards)} LIMIT ${limit}`;
}

/** The lead's columns for a page of items. */
export const reviewColumns = (projectId: string, ids: number[]) =>
  sql`SELECT i.id,
      (SELECT json_build_object('value', s.value, 'confidence', s.confidence, 'version', pv.number)
         FROM "Suggestion" s JOIN "PromptVersion" pv ON pv.id = s."promptVersionId"
         WHERE s."itemId" = i.id AND s.status = 'OK' ORDER BY s."createdAt" DESC LIMIT 1) AS suggestion,
      g.value AS gold, g.source::text AS "goldSource", i.origin::text AS origin, i."rejectedAt" IS NOT NULL AS rejected,
      (SELECT count(*)::int FROM "Decision" d WHERE d."itemId" = i.id AND d.action <> 'SKIPPED') AS decisions,
      (SELECT max(n)::float8 / nullif(sum(n), 0) FROM (SELECT count(*) AS n FROM "Decision" d WHERE d."itemId" = i.id AND d.action <> 'SKIPPED' GROUP BY d.value) v) AS agreement
    FROM "Item" i LEFT JOIN "GoldLabel" g ON g."itemId" = i.id
    WHERE i."projectId" = ${projectId} AND i.id = ANY(${ids}::int[])`;

/** How many items match, counted up to `cap` (going on in id order: fast when matches are common). */
export const countInOrder = (where: Sql[], cap: number) => sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM "Item" WHERE ${and(where)} LIMIT ${cap}) x`;

/** The same through the trigram index (MATERIALIZED: fast when matches are rare). */
export const countByIndex = (where: Sql[], words: Sql[], cap: number) =>
  sql`WITH found AS MATERIALIZED (SELECT id FROM "Item" WHERE ${and([...where, ...words])}) SELECT count(*)::int AS n FROM (SELECT 1 FROM found LIMIT ${cap}) x`;

export const byExternalId = (projectId: string, externalId: string) =>
  sql`SELECT id, "externalId" FROM "Item" WHERE "projectId" = ${projectId} AND "externalId" = ${externalId}`;

export const itemsById = (projectId: string, ids: number[]) => sql`SELECT ${COLUMNS} FROM "Item" WHERE "projectId" = ${projectId} AND id = ANY(${ids}::int[])`;

export const estimateProjectItems = (projectId: string) => sql`EXPLAIN (FORMAT JSON) SELECT 1 FROM "Item" WHERE "projectId" = ${projectId}`;
