// A direct run, one slice at a time: items are claimed and reserved (claim-items.ts), labelled
// through the door (lib/llm/label-item.ts) with bounded, adaptive concurrency, and settled in
// batches (settle-items.ts). After `sliceMs` the slice stops taking items, lets the requests out
// finish, and hands its slot back; the next slice continues. A stop (budget, spend limit, a
// refused key), a pause or a cancel ends it early; unanswered items go back to the queue.
//
// An API that does not answer (connection refused, timeouts, 5xx, overloaded) is not the items'
// fault: past the retries such an item goes back to the queue instead of being recorded as failed,
// and once nothing has been answered for RUN_OUTAGE_PAUSE_SECONDS while such errors keep coming,
// the run pauses itself with the reason in words. Nothing is lost and nothing is billed twice: the
// items not answered are answered after Resume.
import { requestApply } from "@/lib/gold/apply-job";
import type Anthropic from "@anthropic-ai/sdk";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { LlmError, llmClient } from "@/lib/llm/client";
import { FewShotIndex } from "@/lib/llm/few-shot";
import { labelItem, requestsPerItem, type ItemToLabel, type PreparedPrompt } from "@/lib/llm/label-item";
import { zeroUsage } from "@/lib/llm/pricing";
import type { Lease } from "@/lib/jobs/lease";
import { AdaptiveLimit } from "@/lib/runs/adaptive-limit";
import { reserveBudget, STOP_MESSAGES } from "@/lib/runs/budget";
import { claimAndReserve, unlockItem, type ClaimedItem } from "@/lib/runs/claim-items";
import { loadGoldExamples } from "@/lib/prompts/gold-examples";
import { SettleBuffer, type RunRef } from "@/lib/runs/settle-items";
import { extendItemLeases } from "@/lib/runs/sql";
import { log } from "@/lib/observability/log";

export type StepOutcome = "done" | "stopped" | "paused" | "cancelled" | "lost" | { waitMs: number };
export type RunFaults = { crashAfterItems?: number };
export class SimulatedRunCrash extends Error {}
class StopRun extends Error {}

const CONTROL_CHECK_MS = 500;
/** Errors that say the API is not reachable or not answering, rather than anything about the item. */
const UNREACHABLE = new Set(["connection", "timeout", "server", "overloaded"]);
const UNREACHABLE_FAILURE = /^API error after retries: (connection|timeout|server|overloaded):/;
/** Unreachable errors in the outage window before it counts as an outage (a single slow request is not one). */
const OUTAGE_MIN_ERRORS = 3;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function directSlice(
  lease: Lease,
  runRef: RunRef,
  concurrency: number,
  prompt: PreparedPrompt,
  opts: { sliceMs: number; faults?: RunFaults },
): Promise<StepOutcome> {
  let client: Anthropic;
  try {
    client = llmClient();
  } catch (err) {
    return finishRun(lease, "STOPPED", (err as Error).message);
  }
  const fewShot = prompt.ctx.strategy === "FEW_SHOT" ? new FewShotIndex(await loadGoldExamples(runRef.projectId)) : null;
  return new DirectSlice(lease, runRef, concurrency, prompt, client, fewShot, opts).run();
}

class DirectSlice {
  private limit: AdaptiveLimit;
  private buffer: SettleBuffer;
  private stopReason: string | null = null;
  private control: "PAUSED" | "CANCELLED" | "LOST" | null = null;
  private answered = 0;
  private crashed: unknown = null;
  /** Since when the API has answered nothing, only errors of the unreachable kind; cleared by any answer. */
  private outage: { since: number; errors: number; last: string } | null = null;
  private inflight = new Map<number, Promise<void>>();
  /** While a cacheable prefix is cold, one request goes alone so the others can read what it wrote. */
  private warming: boolean;
  private readonly started = Date.now();

  constructor(
    private readonly lease: Lease,
    private readonly runRef: RunRef,
    concurrency: number,
    private readonly prompt: PreparedPrompt,
    private readonly client: Anthropic,
    private readonly fewShot: FewShotIndex | null,
    private readonly opts: { sliceMs: number; faults?: RunFaults },
  ) {
    this.limit = new AdaptiveLimit(concurrency);
    this.buffer = new SettleBuffer(runRef);
    this.warming = prompt.cachePrefix;
  }

  async run(): Promise<StepOutcome> {
    let sliceOver = false;
    try {
      sliceOver = await this.loop();
      await Promise.all(this.inflight.values());
      if (this.crashed) throw this.crashed;
      await this.buffer.drain();
    } catch (err) {
      await Promise.allSettled(this.inflight.values());
      await this.buffer.drain().catch(() => {}); // what was answered is written
      if (err instanceof SimulatedRunCrash) throw err; // a dead process writes nothing more
      log.error(`[run ${this.runRef.runId}]`, { err });
      return finishRun(this.lease, "STOPPED", `The run stopped on an unexpected error: ${(err as Error).message}`);
    }
    if (this.control === "LOST") return "lost";
    if (this.control === "CANCELLED") return "cancelled";
    if (this.control === "PAUSED") return "paused";
    if (this.stopReason) return finishRun(this.lease, "STOPPED", this.stopReason);
    if (sliceOver) {
      await this.lease.pause(new Date());
      return { waitMs: 0 };
    }
    return finishRun(this.lease, "DONE", null);
  }

  /** Takes and answers items until none are left (false) or the slice is over (true). */
  private async loop(): Promise<boolean> {
    let lastCheck = 0;
    const db = await getDb();
    for (;;) {
      if (this.crashed) throw this.crashed;
      if (this.buffer.failure) throw this.buffer.failure;
      if (Date.now() - lastCheck > CONTROL_CHECK_MS) {
        lastCheck = Date.now();
        await this.checkControl();
      }
      if (this.stopReason || this.control) return false;
      if (Date.now() - this.started > this.opts.sliceMs) return true;
      const room = (this.warming ? 1 : this.limit.value) - this.inflight.size;
      const claimed = room > 0 ? await this.claim(room) : [];
      for (const c of claimed) this.start(c);
      if (claimed.length) {
        if (this.inflight.size >= this.limit.value || this.warming) await Promise.race(this.inflight.values());
        continue;
      }
      if (this.inflight.size) {
        await Promise.race(this.inflight.values());
        continue;
      }
      await this.buffer.drain();
      if (!(await db.runItem.count({ where: { runId: this.runRef.runId, status: "PENDING" } }))) return false;
      await sleep(250); // pending items are leased by another worker, or their lease has not run out yet
    }
  }

  /** Pause, cancel or a lost lease, noticed within CONTROL_CHECK_MS; renews the lease and the leases of items being answered. */
  private async checkControl() {
    const db = await getDb();
    await this.pauseOnOutage();
    const now = await db.run.findUniqueOrThrow({ where: { id: this.runRef.runId }, select: { status: true, runnerToken: true } });
    if (now.status === "PAUSED" || now.status === "CANCELLED") this.control = now.status;
    else if (now.runnerToken !== this.lease.token || !(await this.lease.renew())) this.control = "LOST";
    if (this.inflight.size) {
      // One order for every bulk lock.
      await db.$executeRaw(
        extendItemLeases(
          this.runRef.runId,
          [...this.inflight.keys()].sort((a, b) => a - b),
          env().llm.itemLeaseSeconds,
        ),
      );
    }
  }

  /** The API has answered nothing for the outage window, and kept failing: the run pauses itself and says why. */
  private async pauseOnOutage() {
    const o = this.outage;
    const windowMs = env().llm.outagePauseSeconds * 1000;
    if (!o || this.control || o.errors < OUTAGE_MIN_ERRORS || Date.now() - o.since < windowMs) return;
    const seconds = Math.round((Date.now() - o.since) / 1000);
    const reason = `The Anthropic API has not answered for ${seconds} s (${o.last}). Paused; nothing was lost. Resume when it is back: the items not answered yet are answered then.`;
    const db = await getDb();
    const paused = await db.run.updateMany({
      where: { id: this.runRef.runId, runnerToken: this.lease.token, status: "RUNNING" },
      data: { status: "PAUSED", error: reason, runnerToken: null },
    });
    if (paused.count) {
      this.control = "PAUSED";
      log.info(`[run ${this.runRef.runId}] ${reason}`);
    }
  }

  private async claim(n: number): Promise<ClaimedItem[]> {
    if (this.stopReason) return [];
    const { items, refused } = await claimAndReserve(this.runRef, n, env().llm.itemLeaseSeconds, this.prompt, this.fewShot);
    this.stopReason ??= refused;
    return items;
  }

  private start(c: ClaimedItem) {
    const p = this.work(c)
      .catch((err) => {
        this.crashed ??= err;
      })
      .finally(() => this.inflight.delete(c.itemId));
    this.inflight.set(c.itemId, p);
  }

  private async work({ itemId, item, usd }: ClaimedItem) {
    if (!item) {
      this.buffer.add(itemId, { outcome: { kind: "failed", reason: "the item no longer exists" }, usage: zeroUsage(), cost: 0, latencyMs: 0 });
      return;
    }
    let possiblyBilledUsd = 0;
    try {
      const perRequestUsd = usd / requestsPerItem(this.prompt.ctx);
      const settled = await labelItem(
        this.client,
        this.prompt,
        item,
        this.hooks(item, perRequestUsd, (x) => (possiblyBilledUsd += x)),
        { extraCostUsd: () => possiblyBilledUsd },
      );
      const crashAfter = this.opts.faults?.crashAfterItems;
      if (crashAfter !== undefined && this.answered >= crashAfter) throw new SimulatedRunCrash();
      if (settled.outcome.kind === "failed" && UNREACHABLE_FAILURE.test(settled.outcome.reason)) {
        // The API was not reachable: not the item's failure. It goes back to the queue (what a
        // timed-out request may have cost stays counted) and is answered later in this run or after a resume.
        await unlockItem(this.runRef, itemId, possiblyBilledUsd);
        return;
      }
      this.answered++;
      this.buffer.add(itemId, settled);
    } catch (err) {
      if (err instanceof StopRun || (err instanceof LlmError && err.fatal)) {
        if (err instanceof LlmError) this.stopReason ??= fatalMessage(err);
        else if (err.message !== "stopping") this.stopReason ??= err.message;
        await unlockItem(this.runRef, itemId, possiblyBilledUsd);
        return;
      }
      throw err;
    }
  }

  /**
   * Retries stop when the run is stopping; a timed-out request may have been billed, so its worst
   * case is kept as spend, and a retry after it reserves its own worst case first.
   */
  private hooks(item: ItemToLabel, perRequestUsd: number, charge: (usd: number) => void) {
    return {
      onSuccess: () => {
        this.warming = false;
        this.outage = null;
        this.limit.onSuccess();
      },
      onRateLimited: () => this.limit.onRateLimited(),
      onError: (err: LlmError) => {
        if (err.kind === "timeout") charge(perRequestUsd);
        if (UNREACHABLE.has(err.kind)) {
          this.outage ??= { since: Date.now(), errors: 0, last: "" };
          this.outage.errors++;
          this.outage.last = `${err.kind === "connection" ? "connection refused or dropped" : err.kind}: ${err.message.slice(0, 120)}`;
        }
      },
      beforeRetry: async (err: LlmError) => {
        if (this.stopReason || this.control) throw new StopRun("stopping");
        if (err.kind !== "timeout") return;
        const more = await reserveBudget(this.runRef.projectId, this.runRef.runId, item.itemId, perRequestUsd);
        if (!more.ok) throw new StopRun(STOP_MESSAGES[more.limit]);
      },
    };
  }
}

function fatalMessage(err: LlmError): string {
  return err.kind === "spend_limit"
    ? `The Anthropic organization's spend limit was reached: ${err.message}`
    : `The Anthropic API refused the key: ${err.message}`;
}

/**
 * Ends the run, if this runner still holds it. A finished run brings new suggestions: where
 * auto-accept is on, they are certified and applied at once (a failure there is logged, and the
 * run stays done: its suggestions are saved).
 */
export async function finishRun(lease: Lease, status: "DONE" | "STOPPED", error: string | null): Promise<"done" | "stopped"> {
  lease.stop();
  const db = await getDb();
  const ended = await db.run.updateMany({
    where: { id: lease.id, runnerToken: lease.token, status: "RUNNING" },
    data: { status, error, finishedAt: new Date(), runnerToken: null, wakeAt: null },
  });
  if (ended.count) {
    // New suggestions: the certificate and what it accepts follow, as a job of their own.
    const run = await db.run.findUnique({ where: { id: lease.id }, select: { projectId: true, project: { select: { errorBudget: true } } } });
    if (run && run.project.errorBudget !== null)
      await requestApply(run.projectId, null, "run").catch((err) => log.error(`[auto-accept] after run ${lease.id}: ${(err as Error).message}`));
  }
  return status === "DONE" ? "done" : "stopped";
}
