// Recording outcomes, for direct and batch runs alike: suggestions, run counters, money. Outcomes are
// written many items per transaction: per-item transactions would all queue on the Project and
// Run rows (spend and counters) and cap a run well below what the API allows.
import crypto from "node:crypto";
import { getDatabase } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { settleMoney } from "@/lib/runs/budget";
import { clearReservations, lockItems, markRunItems, reservedOf, upsertSuggestions } from "@/lib/runs/sql";
import { markPrelabeled } from "@/lib/gold/sql";
import type { Settled } from "@/lib/llm/answers";

export type RunRef = { runId: string; projectId: string; promptVersionId: string; modelId: string };

export async function settleItems(run: RunRef, entries: { itemId: number; settled: Settled }[]): Promise<void> {
  if (!entries.length) return;
  const { runId, projectId, promptVersionId } = run;
  const ids = [...new Set(entries.map((e) => e.itemId))].sort((a, b) => a - b);
  const database = await getDatabase();
  await database.rawTransaction(async (tx) => {
    // Lock order, everywhere: Project, InstanceSettings, MonthlySpend, RunItem rows (in item order), Item rows.
    const held = await tx.query<{ reserved: number }>(reservedOf(runId, ids));
    const cost = entries.reduce((s, e) => s + e.settled.cost, 0);
    await settleMoney(tx, projectId, Number(held[0]?.reserved ?? 0), cost);
    // Only the first settlement of an item counts (a lease that ran out can let two workers
    // answer the same item); the money spent counts either way.
    const status = entries.map((e) => ({ i: e.itemId, s: e.settled.outcome.kind === "ok" ? ("DONE" as const) : ("FAILED" as const) }));
    const firstRows = await tx.query<{ itemId: number }>(markRunItems(runId, status));
    await tx.query(clearReservations(runId, ids));
    const first = new Set(firstRows.map((r) => Number(r.itemId)));
    // An item answered twice in this batch (its lease ran out while it was being answered) counts once.
    const counted = entries.filter((e, i) => first.has(e.itemId) && entries.findIndex((x) => x.itemId === e.itemId) === i);
    if (counted.length) {
      const rows = counted.map(({ itemId, settled: s }) => {
        const o = s.outcome;
        return {
          id: crypto.randomUUID(),
          itemId,
          status: o.kind === "ok" ? "OK" : "FAILED",
          value: o.kind === "ok" ? o.value : null,
          confidence: o.kind === "ok" ? o.confidence : null,
          confidenceSource: o.kind === "ok" ? o.confidenceSource : null,
          rationale: o.kind === "ok" ? o.rationale : null,
          evidence: o.kind === "ok" ? (o.evidence ?? null) : null,
          grounded: o.kind === "ok" ? (o.grounded ?? null) : null,
          distress: o.kind === "ok" ? (o.distress ?? null) : null,
          failureReason: o.kind === "failed" ? o.reason : null,
          judgments: s.judgments ?? null,
          ...s.usage,
          costUsd: s.cost,
          latencyMs: s.latencyMs,
        };
      });
      // Gold is only written under its item's row lock; taking the same locks before the
      // suggestions go in means each starts with its item's gold as it stands after any review in
      // flight (the trigger behind Suggestion.goldValue reads it).
      await tx.query(lockItems(counted.map((e) => e.itemId)));
      await tx.query(upsertSuggestions({ projectId, promptVersionId, runId, model: run.modelId, rowsJson: JSON.stringify(rows) }));
      const ok = counted.flatMap((e) => (e.settled.outcome.kind === "ok" ? [{ i: e.itemId, c: e.settled.outcome.confidence }] : []));
      if (ok.length) {
        await tx.query(markPrelabeled(projectId, ok));
      }
    }
    const sum = (f: (e: (typeof entries)[number]) => number) => entries.reduce((s, e) => s + f(e), 0);
    const done = counted.filter((e) => e.settled.outcome.kind === "ok").length;
    await tx.query(
      sql`UPDATE "Run" SET "doneItems" = "doneItems" + ${done}, "failedItems" = "failedItems" + ${counted.length - done},
            "inputTokens" = "inputTokens" + ${sum((e) => e.settled.usage.inputTokens)}, "outputTokens" = "outputTokens" + ${sum((e) => e.settled.usage.outputTokens)},
            "cacheReadTokens" = "cacheReadTokens" + ${sum((e) => e.settled.usage.cacheReadTokens)},
            "cacheWriteTokens" = "cacheWriteTokens" + ${sum((e) => e.settled.usage.cacheWriteTokens)}, "costUsd" = "costUsd" + ${cost}
          WHERE id = ${runId}`,
    );
  });
}

export const settleItem = (run: RunRef, itemId: number, settled: Settled) => settleItems(run, [{ itemId, settled }]);

/**
 * Collects outcomes and writes them together, at most `maxWaitMs` after the first one arrives.
 * A crash loses at most that much work, and only its writes: the items' leases run out and they
 * are asked again.
 */
export class SettleBuffer {
  private entries: { itemId: number; settled: Settled }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  failure: unknown = null;

  constructor(
    private readonly run: RunRef,
    private readonly maxEntries = 64,
    private readonly maxWaitMs = 50,
  ) {}

  add(itemId: number, settled: Settled) {
    this.entries.push({ itemId, settled });
    if (this.entries.length >= this.maxEntries) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.maxWaitMs);
  }

  private flush() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.entries;
    this.entries = [];
    if (!batch.length) return;
    // Writes go one after another, so counters and suggestions land in order.
    this.writing = this.writing
      .then(() => settleItems(this.run, batch))
      .catch((err) => {
        this.failure ??= err;
      });
  }

  /** Writes everything still buffered; throws if any write failed. */
  async drain(): Promise<void> {
    this.flush();
    await this.writing;
    if (this.failure) throw this.failure;
  }
}
