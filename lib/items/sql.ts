// Item list statements. Lists use keyset pagination on (projectId, id): the cost of a page does
// not grow with how deep into the project it is, unlike OFFSET.
import { and, sql, type Sql } from "@/lib/db/sql";

export const PREVIEW_CHARS = 240;

export type ItemRow = { id: number; externalId: string; preview: string; textLength: number; status: "NEW" | "PRELABELED" | "REVIEWED"; createdAt: Date };

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Every word must occur in the text (as a substring, any case). Each word is an ILIKE the trigram
 * index (Item_text_trgm_idx) answers, so a search never reads every text; words shorter than three
 * characters have no trigrams and only narrow what the others found.
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

/** One page (plus one row, to tell whether another exists). Only a preview of the text leaves the database. */
export function itemPage(where: Sql[], backwards: boolean, limit: number): Sql {
  return sql`SELECT id, "externalId", left(text, ${PREVIEW_CHARS}) AS preview, length(text) AS "textLength", status::text AS status, "createdAt"
    FROM "Item" WHERE ${and(where)}
    ORDER BY id ${backwards ? sql`DESC` : sql`ASC`} LIMIT ${limit}`;
}
