// Item list statements. Lists use keyset pagination on (projectId, id): the cost of a page does
// not grow with how deep into the project it is, unlike OFFSET.
import { and, sql, type Sql } from "@/lib/db/sql";

export const PREVIEW_CHARS = 240;

export type ItemRow = { id: number; externalId: string; preview: string; textLength: number; status: "NEW" | "PRELABELED" | "REVIEWED"; createdAt: Date };

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Every word must occur in the text (as a substring, any case). Each word is an ILIKE the trigram
 * index (Item_text_trgm_idx) can answer; words shorter than three characters have no trigrams and
 * only narrow what the others found.
 */
export function textContainsAll(words: string[]): Sql[] {
  return words.map((w) => sql`text ILIKE ${`%${escapeLike(w)}%`}`);
}

export const hasGold = (yes: boolean) => (yes ? sql`EXISTS (SELECT 1 FROM "GoldLabel" g WHERE g."itemId" = "Item".id)` : sql`NOT EXISTS (SELECT 1 FROM "GoldLabel" g WHERE g."itemId" = "Item".id)`);

/** Items whose latest good suggestion differs from their gold value. */
export const disagreesWithModel = sql`EXISTS (SELECT 1 FROM "GoldLabel" g WHERE g."itemId" = "Item".id AND g.value IS DISTINCT FROM
    (SELECT s.value FROM "Suggestion" s WHERE s."itemId" = "Item".id AND s.status = 'OK' ORDER BY s."createdAt" DESC LIMIT 1))
  AND EXISTS (SELECT 1 FROM "Suggestion" s WHERE s."itemId" = "Item".id AND s.status = 'OK')`;

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

export const itemsById = (projectId: string, ids: number[]) => sql`SELECT ${COLUMNS} FROM "Item" WHERE "projectId" = ${projectId} AND id = ANY(${ids}::int[])`;

export const estimateProjectItems = (projectId: string) => sql`EXPLAIN (FORMAT JSON) SELECT 1 FROM "Item" WHERE "projectId" = ${projectId}`;
