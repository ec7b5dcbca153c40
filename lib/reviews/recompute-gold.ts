// Gold is derived, never written directly by reviewers: after a decision, an undo or an edit the
// item's decisions are read again and turned into gold (agreement of the project's k reviewers),
// an adjudication request (they disagree), or nothing yet (fewer than k). A lead's ruling stands.
import type { SqlSession } from "@/lib/db/sql-session";

/** Canonical JSON of a value, so ["b","a"] and ["a","b"] agree. */
export function valueKey(v: unknown): string {
  const x = v as { label?: string; labels?: string[]; spans?: { label: string; start: number; end: number }[] };
  if (x?.labels) return JSON.stringify({ labels: [...x.labels].sort() });
  if (x?.spans) return JSON.stringify({ spans: x.spans.map((s) => [s.start, s.end, s.label]).sort() });
  return JSON.stringify({ label: x?.label });
}

/**
 * The item's non-skip decision values, whether they were all blind (null without any), and its
 * gold's source, as SQL select-list expressions ($1 = item id).
 */
export const GOLD_STATE_COLUMNS = `(SELECT coalesce(json_agg(d.value), '[]'::json) FROM "Decision" d WHERE d."itemId" = $1 AND d.action <> 'SKIPPED') AS values,
  (SELECT bool_and(d.blind) FROM "Decision" d WHERE d."itemId" = $1 AND d.action <> 'SKIPPED') AS blind,
  (SELECT g.source::text FROM "GoldLabel" g WHERE g."itemId" = $1) AS "goldSource"`;

export type GoldState = { values: unknown[]; blind: boolean | null; goldSource: string | null };

/**
 * What a non-skip decision means, derived from what the annotator was shown (null: no suggestion,
 * or a blind item): LABELED, ACCEPTED the suggestion unchanged, or CORRECTED it.
 */
export function decisionAction(value: unknown, shownSuggestion: unknown): "LABELED" | "ACCEPTED" | "CORRECTED" {
  if (shownSuggestion === null || shownSuggestion === undefined) return "LABELED";
  return valueKey(value) === valueKey(shownSuggestion) ? "ACCEPTED" : "CORRECTED";
}

/** Call with the item's row locked (decisions on one item take turns). Two round trips. */
export async function recomputeGold(sql: SqlSession, projectId: string, itemId: number, k: number) {
  const [state] = await sql.query<GoldState>(`SELECT ${GOLD_STATE_COLUMNS}`, [itemId]);
  await settleGold(sql, projectId, itemId, k, state);
}

/** Writes what the decisions (read under the item's lock) make of the item, in one statement. */
export async function settleGold(sql: SqlSession, projectId: string, itemId: number, k: number, state: GoldState) {
  const n = state.values.length;
  if (state.goldSource === "ADJUDICATION") {
    await sql.query(`UPDATE "Item" SET "reviewCount" = $2, "inQueue" = false WHERE id = $1`, [itemId, n]);
    return;
  }
  if (n < k) {
    await sql.query(
      `WITH gone AS (DELETE FROM "GoldLabel" WHERE "itemId" = $1)
       UPDATE "Item" SET "reviewCount" = $2, "inQueue" = true, "needsAdjudication" = false,
         status = (CASE WHEN "suggestionConfidence" IS NULL THEN 'NEW' ELSE 'PRELABELED' END)::"ItemStatus"
       WHERE id = $1`,
      [itemId, n],
      { prepare: true },
    );
    return;
  }
  if (new Set(state.values.map(valueKey)).size === 1) {
    await sql.query(
      `WITH gold AS (
         INSERT INTO "GoldLabel" ("itemId", "projectId", value, source, blind, "updatedAt") VALUES ($1, $3, $4::jsonb, $5::"GoldSource", $6, now())
         ON CONFLICT ("itemId") DO UPDATE SET value = EXCLUDED.value, source = EXCLUDED.source, blind = EXCLUDED.blind, "updatedAt" = now())
       UPDATE "Item" SET "reviewCount" = $2, "inQueue" = false, "needsAdjudication" = false, status = 'REVIEWED' WHERE id = $1`,
      [itemId, n, projectId, JSON.stringify(state.values[0]), k === 1 ? "SINGLE_REVIEW" : "AGREEMENT", state.blind ?? false],
      { prepare: true },
    );
  } else {
    await sql.query(
      `WITH gone AS (DELETE FROM "GoldLabel" WHERE "itemId" = $1)
       UPDATE "Item" SET "reviewCount" = $2, "inQueue" = false, "needsAdjudication" = true WHERE id = $1`,
      [itemId, n],
      { prepare: true },
    );
  }
}
