// Project budget. Before a request goes out its worst-case cost is reserved on the project, in
// the same statement that checks the budget, so concurrent requests (even from several workers)
// can never together exceed it. Settling replaces the reservation with the real cost.
import type { Prisma } from "@/lib/generated/prisma/client";
import { getDb } from "@/lib/db";

/** Reserves `usd` for one run item; false when the budget would be exceeded. */
export function reserveBudget(projectId: string, runId: string, itemId: number, usd: number): Promise<boolean> {
  return reserveBudgetMany(projectId, runId, [{ itemId, usd }]);
}

/** Reserves for several run items at once (one statement each way); false when they do not all fit. */
export async function reserveBudgetMany(projectId: string, runId: string, items: { itemId: number; usd: number }[]): Promise<boolean> {
  if (!items.length) return true;
  const total = items.reduce((s, i) => s + i.usd, 0);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const ok = await tx.$executeRawUnsafe(
      `UPDATE "Project" SET "reservedUsd" = "reservedUsd" + $2
       WHERE id = $1 AND ("budgetUsd" IS NULL OR "spentUsd" + "reservedUsd" + $2 <= "budgetUsd")`,
      projectId,
      total,
    );
    if (ok !== 1) return false;
    await tx.$executeRawUnsafe(
      `UPDATE "RunItem" r SET "reservedUsd" = r."reservedUsd" + x.u
       FROM (SELECT * FROM json_to_recordset($2::json) AS j(i int, u numeric) ORDER BY i) x
       WHERE r."runId" = $1 AND r."itemId" = x.i`,
      runId,
      JSON.stringify(items.map((i) => ({ i: i.itemId, u: i.usd }))),
    );
    return true;
  });
}

/**
 * Releases whatever a run item still holds (its request failed, or its lease was taken over).
 * Locks the Project row before the RunItem row, like every other transaction here, so two of them
 * can never wait for each other.
 */
export async function releaseReservation(tx: Prisma.TransactionClient, projectId: string, runId: string, itemId: number) {
  const item = await tx.runItem.findUnique({ where: { runId_itemId: { runId, itemId } }, select: { reservedUsd: true } });
  const held = Number(item?.reservedUsd ?? 0);
  if (!held) return;
  await tx.$executeRawUnsafe(`UPDATE "Project" SET "reservedUsd" = GREATEST(0, "reservedUsd" - $2) WHERE id = $1`, projectId, held);
  await tx.runItem.update({ where: { runId_itemId: { runId, itemId } }, data: { reservedUsd: { decrement: held } } });
}
