// The first piece of a direct run: lease pending items, read their texts, choose their few-shot
// examples, and reserve each item's worst case on the budgets before any request goes out.
import { getDatabase, getDb } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { maxItemCostUsd, type ItemToLabel, type PreparedPrompt } from "@/lib/llm/label-item";
import type { FewShotIndex } from "@/lib/llm/few-shot";
import { releaseReservation, reserveBudget, reserveBudgetMany, STOP_MESSAGES } from "@/lib/runs/budget";
import { claimRunItems, type ClaimedRunItemRow } from "@/lib/runs/sql";
import { pairOf } from "@/lib/pairwise/judge";
import { attachImages } from "@/lib/llm/item-images";
import { taskTypeDef } from "@/lib/task-types";

export type ClaimedItem = { itemId: number; item: ItemToLabel | null; usd: number };
export type ClaimResult = { items: ClaimedItem[]; refused: string | null };
type RunIds = { runId: string; projectId: string };

/** Leases up to `n` pending items and reserves their cost; items that do not fit a budget go back, with the reason. */
export async function claimAndReserve(
  run: RunIds,
  n: number,
  leaseSeconds: number,
  prompt: PreparedPrompt,
  fewShot: FewShotIndex | null,
): Promise<ClaimResult> {
  const db = await getDb();
  const rows = await db.$queryRaw<ClaimedRunItemRow[]>(claimRunItems(run.runId, n, leaseSeconds));
  if (!rows.length) return { items: [], refused: null };
  // An expired lease of a dead worker may still hold a reservation: its request may have gone out
  // and been answered (and billed) before the worker died with the answer unsaved. What it cost
  // cannot be known, so the reservation, the request's worst case, is counted as spent rather than
  // given back: spend is never under-counted, at worst over-counted by a crash's in-flight requests.
  for (const r of rows.filter((x) => Number(x.reservedUsd) > 0)) {
    await (await getDatabase()).rawTransaction((tx) => releaseReservation(tx, run.projectId, run.runId, Number(r.itemId), Number(r.reservedUsd)));
  }
  const ids = rows.map((r) => Number(r.itemId));
  const found = await db.item.findMany({
    where: { projectId: run.projectId, id: { in: ids } },
    select: { id: true, text: true, pair: { select: { responseA: true, responseB: true } } },
  });
  const byId = new Map(found.map((i) => [i.id, i]));
  const images = taskTypeDef(prompt.ctx.taskType).content === "image";
  const items: ItemToLabel[] = found.map((row) => ({
    itemId: row.id,
    text: row.text,
    pair: pairOf(row),
    // Few-shot examples are texts; an image item's "text" is its file name, so it gets none.
    examples: fewShot && prompt.ctx.strategy === "FEW_SHOT" && !images ? fewShot.select(row.id, row.text, prompt.ctx.settings.fewShotK) : [],
  }));
  if (images) await attachImages(run.projectId, items);
  const ready = new Map(items.map((i) => [i.itemId, i]));
  const wanted: ClaimedItem[] = ids.map((itemId) => {
    const item = ready.get(itemId);
    if (!byId.has(itemId) || !item) return { itemId, item: null, usd: 0 }; // deleted since the run started
    return { itemId, item, usd: maxItemCostUsd(prompt, item) };
  });
  if ((await reserveBudgetMany(run.projectId, run.runId, wanted)).ok) return { items: wanted, refused: null };
  // Close to a limit: reserve one by one, and give back what does not fit.
  const granted: ClaimedItem[] = [];
  let refused: string | null = null;
  for (const w of wanted) {
    const reserved: Awaited<ReturnType<typeof reserveBudget>> | null = refused ? null : await reserveBudget(run.projectId, run.runId, w.itemId, w.usd);
    if (reserved?.ok) granted.push(w);
    else {
      if (reserved) refused = STOP_MESSAGES[reserved.limit];
      await unlockItem(run, w.itemId);
    }
  }
  return { items: granted, refused };
}

/** Gives an item back to the queue unanswered, keeping as spend what timed-out requests may have cost. */
export async function unlockItem(run: RunIds, itemId: number, possiblyBilledUsd = 0) {
  const database = await getDatabase();
  await database.rawTransaction(async (tx) => {
    await releaseReservation(tx, run.projectId, run.runId, itemId, possiblyBilledUsd);
    await tx.query(sql`UPDATE "RunItem" SET "lockedUntil" = NULL WHERE "runId" = ${run.runId} AND "itemId" = ${itemId}`);
  });
}
