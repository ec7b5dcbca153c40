// Gold is derived, never written directly by reviewers: after a decision, an undo or an edit the
// item's decisions are read again and turned into gold (agreement of the project's k reviewers),
// an adjudication request (they disagree), or nothing yet (fewer than k). A lead's ruling or
// correction stands, and so does a label imported as gold.
import type { SqlSession } from "@/lib/db/sql-session";
import {
  goldStateColumns,
  itemsToSettle,
  keepRuling,
  lockItem,
  rejectItem,
  reopenItem,
  requeueForK,
  sendToAdjudication,
  writeAgreedGold,
  type GoldState,
} from "@/lib/gold/sql";
import { sql } from "@/lib/db/sql";
import { valueKey, sameValue } from "@/lib/gold/canonical";

/**
 * What a non-skip decision means, derived from what the annotator was shown (null: no suggestion,
 * or a blind item): LABELED, ACCEPTED the suggestion unchanged, or CORRECTED it.
 */
export function decisionAction(value: unknown, shownSuggestion: unknown): "LABELED" | "ACCEPTED" | "CORRECTED" {
  if (shownSuggestion === null || shownSuggestion === undefined) return "LABELED";
  return sameValue(value, shownSuggestion) ? "ACCEPTED" : "CORRECTED";
}

/** Call with the item's row locked (decisions on one item take turns). Two round trips. */
export async function recomputeGold(tx: SqlSession, projectId: string, itemId: number, k: number) {
  const [state] = await tx.query<GoldState>(sql`SELECT ${goldStateColumns(itemId)}`);
  await settleGold(tx, projectId, itemId, k, state);
}

/** Writes what the decisions (read under the item's lock) make of the item, in one statement. */
export async function settleGold(tx: SqlSession, projectId: string, itemId: number, k: number, state: GoldState) {
  const n = state.values.length;
  if (state.rejected) await tx.query(rejectItem(itemId, n));
  else if (state.goldSource === "ADJUDICATION" || state.goldSource === "CORRECTION" || state.goldSource === "IMPORTED") await tx.query(keepRuling(itemId, n));
  else if (n < k) await tx.query(reopenItem(itemId, n), { prepare: true });
  else if (new Set(state.values.map(valueKey)).size === 1) {
    await tx.query(
      writeAgreedGold({
        itemId,
        projectId,
        reviews: n,
        value: state.values[0],
        source: k === 1 ? "SINGLE_REVIEW" : "AGREEMENT",
        blind: state.blind ?? false,
        audit: state.audit,
      }),
      { prepare: true },
    );
  } else await tx.query(sendToAdjudication(itemId, n), { prepare: true });
}

/**
 * After the project's reviewers per item changed from `before` to `k` (inside the transaction
 * that changed it): lowered, items that now have enough decisions get gold (they agree) or go to
 * adjudication (they disagree) instead of waiting for reviews that will never come; raised, items
 * re-open for the extra reviews. A lead's ruling or correction stays.
 */
export async function settleForReviewersPerItem(tx: SqlSession, projectId: string, before: number, k: number) {
  if (before === k) return;
  if (k < before) {
    for (let after = 0; ;) {
      const batch = await tx.query<{ id: number }>(itemsToSettle(projectId, k, after));
      for (const { id } of batch) {
        await tx.query(lockItem(Number(id)));
        await recomputeGold(tx, projectId, Number(id), k);
      }
      if (batch.length < 500) break;
      after = Number(batch[batch.length - 1].id);
    }
  }
  await tx.query(requeueForK(projectId, k));
}
