// A label renamed or merged, as gold sees it: people's decisions and the gold made from them are
// rewritten, and the items waiting for adjudication whose reviewers now agree (they had chosen the
// two labels that were merged) are settled again, so they leave the Adjudication tab with gold.
// A rename cannot make reviewers agree or disagree; a merge can only make them agree.
import { sql } from "@/lib/db/sql";
import { rowsChanged, type SqlSession } from "@/lib/db/sql-session";
import { recomputeGold } from "@/lib/gold/settle";
import { lockItem } from "@/lib/gold/sql";
import type { TaskType } from "@/lib/values/value";
import { relabelTable, usesLabel } from "@/lib/values/sql";

/** In the caller's transaction (the project row locked first); returns how many gold and decision values changed. */
export async function relabelGold(tx: SqlSession, projectId: string, taskType: TaskType, from: string, to: string): Promise<number> {
  const waiting = await tx.query<{ id: number }>(
    sql`SELECT DISTINCT d."itemId" AS id FROM "Decision" d JOIN "Item" i ON i.id = d."itemId"
        WHERE d."projectId" = ${projectId} AND i."needsAdjudication" AND ${usesLabel(taskType, sql`d.value`, from)}
        ORDER BY 1`,
  );
  let changed = 0;
  // GoldLabel's trigger carries the new gold onto the suggestions' copies (Suggestion.goldValue).
  for (const table of ["GoldLabel", "Decision"] as const) {
    changed += await rowsChanged(tx, relabelTable(table, taskType, projectId, from, to));
  }
  if (waiting.length) {
    const [{ k }] = await tx.query<{ k: number }>(sql`SELECT "reviewersPerItem" AS k FROM "Project" WHERE id = ${projectId}`);
    for (const { id } of waiting) {
      await tx.query(lockItem(Number(id)));
      await recomputeGold(tx, projectId, Number(id), k);
    }
  }
  return changed;
}
