// Works through a run's items in direct mode: bounded concurrency, retries with backoff that honour
// retry-after, slowing down when most requests are rate-limited, a budget check before requests
// go out, and a stop on spend-limit or authentication errors. Idempotent: one suggestion per
// (item, prompt version), item leases so a killed worker's items go back to the queue, and a run
// lease with a heartbeat so another worker can take a dead worker's run over.
import crypto from "node:crypto";
import type Anthropic from "@anthropic-ai/sdk";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { backoffMs, LlmError, llmClient, toLlmError } from "@/lib/llm/client";
import { buildRequest, promptChars, type FewShotExample, type PromptContext } from "@/lib/llm/build-request";
import { majority } from "@/lib/llm/output-schema";
import { costUsd, estimateMaxCostUsd, type Usage } from "@/lib/llm/pricing";
import { releaseReservation, reserveBudget, reserveBudgetMany, STOP_MESSAGES } from "@/lib/runs/budget";
import { promptContextFor } from "@/lib/runs/prompt-context";
import { claimRun, claimRunItems, dropAlreadyLabeled, extendItemLeases, type ClaimedRunItemRow } from "@/lib/runs/sql";
import { AdaptiveLimit } from "@/lib/runs/adaptive-limit";
import { processBatchRun } from "@/lib/runs/process-batch-run";
import { interpretMessage, SettleBuffer, usageOf, type Interpreted, type Settled } from "@/lib/runs/settle-item";
import { FewShotIndex } from "@/lib/llm/few-shot";
import { loadGoldExamples } from "@/lib/runs/gold";

export const RUN_LEASE_SECONDS = 60;
const MAX_ATTEMPTS = 6;

export type RunFaults = { crashAfterItems?: number };
export class SimulatedRunCrash extends Error {}
class StopRun extends Error {}

type RunResult = "done" | "not-claimed" | "stopped" | "paused" | "cancelled";
/** One item's money while it is being answered: a request's worst case, and what timed-out requests may have cost. */
type ItemMoney = { itemId: number; perRequestUsd: number; possiblyBilledUsd: number };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const zeroUsage = (): Usage => ({ inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 });

export async function processRun(runId: string, faults: RunFaults = {}): Promise<RunResult> {
  const db = await getDb();
  const token = crypto.randomUUID();
  const claimed = await db.$executeRaw(claimRun(runId, token, RUN_LEASE_SECONDS));
  if (claimed !== 1) return "not-claimed";
  const run = await db.run.findUniqueOrThrow({ where: { id: runId }, include: { promptVersion: true } });
  // Resumed after another run of the same version labeled some of its items: those are not billed again.
  await db.$executeRaw(dropAlreadyLabeled(runId, run.promptVersionId));
  const ctx: PromptContext = await promptContextFor(run.projectId, run.promptVersion);
  const runRef = { runId, projectId: run.projectId, promptVersionId: run.promptVersionId, modelId: ctx.modelId };
  if (run.mode === "BATCH") {
    try {
      return await processBatchRun({ runRef, ctx, token });
    } catch (err) {
      console.error(`[run ${runId}]`, err);
      await finish(runId, token, "STOPPED", `The batch run stopped: ${toLlmError(err).message}`);
      return "stopped";
    }
  }
  let client: Anthropic;
  try {
    client = llmClient();
  } catch (err) {
    await finish(runId, token, "STOPPED", (err as Error).message);
    return "stopped";
  }

  const leaseSeconds = env().llm.itemLeaseSeconds;
  const limit = new AdaptiveLimit(run.concurrency);
  const buffer = new SettleBuffer(runRef);
  const fewShot = ctx.strategy === "FEW_SHOT" ? new FewShotIndex(await loadGoldExamples(run.projectId)) : null;
  const prefixChars = promptChars(buildRequest(ctx, ""));
  const estimate = (text: string, examples: FewShotExample[]) =>
    estimateMaxCostUsd(ctx.modelId, prefixChars + text.length + examples.reduce((n, e) => n + e.text.length + 200, 0), ctx.settings.maxTokens) * ctx.settings.samples;
  let stopReason: string | null = null;
  let control: "PAUSED" | "CANCELLED" | null = null;
  let answered = 0;
  const inflight = new Set<Promise<void>>();
  const inflightItems = new Set<number>();

  /**
   * One model call with retries; throws StopRun for errors that must end the run. A request that
   * timed out may still have been answered, and billed, by the API: its worst case is kept as
   * spend (`item.possiblyBilledUsd`), and a retry reserves its own worst case first.
   */
  async function call(req: Anthropic.MessageCreateParamsNonStreaming, item: ItemMoney): Promise<{ message: Anthropic.Message; latencyMs: number }> {
    for (let attempt = 0; ; attempt++) {
      const t0 = performance.now();
      try {
        const message = await client.messages.create(req);
        limit.onSuccess();
        return { message, latencyMs: Math.round(performance.now() - t0) };
      } catch (raw) {
        const err = toLlmError(raw);
        if (err.kind === "spend_limit") throw new StopRun(`The Anthropic organization's spend limit was reached: ${err.message}`);
        if (err.kind === "auth") throw new StopRun(`The Anthropic API refused the key: ${err.message}`);
        if (err.kind === "timeout") item.possiblyBilledUsd += item.perRequestUsd;
        if (!err.retryable || attempt + 1 >= MAX_ATTEMPTS) throw err;
        if (err.kind === "rate_limit") limit.onRateLimited();
        await sleep(backoffMs(attempt, err));
        if (stopReason || control) throw new StopRun("stopping");
        if (err.kind === "timeout") {
          const more = await reserveBudget(run.projectId, runId, item.itemId, item.perRequestUsd);
          if (!more.ok) throw new StopRun(STOP_MESSAGES[more.limit]);
        }
      }
    }
  }

  async function label(itemText: string, examples: FewShotExample[], money: ItemMoney): Promise<Settled> {
    const req = buildRequest(ctx, itemText, examples);
    const usage = zeroUsage();
    let latencyMs = 0;
    const answers: Interpreted[] = [];
    for (let k = 0; k < ctx.settings.samples; k++) {
      let res;
      try {
        res = await call(req, money);
      } catch (err) {
        if (err instanceof StopRun) throw err;
        const e = err instanceof LlmError ? err : toLlmError(err);
        answers.push({ reason: `API error after retries: ${e.kind}: ${e.message}` });
        continue;
      }
      latencyMs += res.latencyMs;
      const u = usageOf(res.message);
      for (const k of Object.keys(usage) as (keyof Usage)[]) usage[k] += u[k];
      answers.push(interpretMessage(ctx, res.message, itemText));
    }
    const cost = costUsd(ctx.modelId, usage) + money.possiblyBilledUsd;
    const good = answers.filter((a) => a.value);
    if (!good.length) return { outcome: { kind: "failed", reason: answers[0]?.reason ?? "no answer" }, usage, cost, latencyMs };
    if (ctx.settings.samples === 1) {
      const a = good[0];
      return { outcome: { kind: "ok", value: a.value!, confidence: a.confidence!, confidenceSource: "SELF_REPORTED", rationale: a.rationale ?? null }, usage, cost, latencyMs };
    }
    // Votes over all k samples: failed samples count against the winner.
    const top = majority(good.map((a) => a.value!))!;
    const share = (top.share * good.length) / ctx.settings.samples;
    const rationale = good.find((a) => JSON.stringify(a.value) === JSON.stringify(top.value))?.rationale ?? null;
    return { outcome: { kind: "ok", value: top.value, confidence: share, confidenceSource: "VOTES", rationale }, usage, cost, latencyMs };
  }

  /** Gives an item back to the queue (the run stopped before it was answered), keeping as spend what timed-out requests may have cost. */
  async function unlock(itemId: number, possiblyBilledUsd = 0) {
    await db.$transaction(async (tx) => {
      await releaseReservation(tx, run.projectId, runId, itemId, possiblyBilledUsd);
      await tx.runItem.update({ where: { runId_itemId: { runId, itemId } }, data: { lockedUntil: null } });
    });
  }

  async function work(itemId: number, text: string | undefined, examples: FewShotExample[], usd: number) {
    if (text === undefined) {
      buffer.add(itemId, { outcome: { kind: "failed", reason: "the item no longer exists" }, usage: zeroUsage(), cost: 0, latencyMs: 0 });
      return;
    }
    const money: ItemMoney = { itemId, perRequestUsd: usd / ctx.settings.samples, possiblyBilledUsd: 0 };
    try {
      const settled = await label(text, examples, money);
      if (faults.crashAfterItems !== undefined && answered >= faults.crashAfterItems) throw new SimulatedRunCrash();
      answered++;
      buffer.add(itemId, settled);
    } catch (err) {
      if (err instanceof SimulatedRunCrash) throw err;
      if (err instanceof StopRun) {
        if (err.message !== "stopping") stopReason ??= err.message;
        await unlock(itemId, money.possiblyBilledUsd);
        return;
      }
      throw err;
    }
  }

  /** Leases up to `n` pending items, with their texts, and reserves their worst-case cost. */
  async function claim(n: number): Promise<{ itemId: number; text: string | undefined; examples: FewShotExample[]; usd: number }[]> {
    const rows = await db.$queryRaw<ClaimedRunItemRow[]>(claimRunItems(runId, n, leaseSeconds));
    if (!rows.length) return [];
    // An expired lease of a dead worker may still hold a reservation: give it back first.
    for (const r of rows.filter((x) => Number(x.reservedUsd) > 0)) {
      await db.$transaction((tx) => releaseReservation(tx, run.projectId, runId, Number(r.itemId)));
    }
    const ids = rows.map((r) => Number(r.itemId));
    const items = await db.item.findMany({ where: { projectId: run.projectId, id: { in: ids } }, select: { id: true, text: true } });
    const text = new Map(items.map((i) => [i.id, i.text]));
    const wanted = ids.map((itemId) => {
      const t = text.get(itemId);
      const examples = fewShot && t !== undefined ? fewShot.select(itemId, t, ctx.settings.fewShotK) : [];
      return { itemId, text: t, examples, usd: estimate(t ?? "", examples) };
    });
    if ((await reserveBudgetMany(run.projectId, runId, wanted)).ok) return wanted;
    // Close to a limit: reserve one by one, and give back what does not fit.
    const granted: typeof wanted = [];
    for (const w of wanted) {
      const reserved = stopReason ? null : await reserveBudget(run.projectId, runId, w.itemId, w.usd);
      if (reserved?.ok) granted.push(w);
      else {
        if (reserved) stopReason ??= STOP_MESSAGES[reserved.limit];
        await unlock(w.itemId);
      }
    }
    return granted;
  }

  let lastCheck = 0;
  let crashed: unknown = null;
  try {
    for (;;) {
      if (crashed) throw crashed;
      if (buffer.failure) throw buffer.failure;
      if (Date.now() - lastCheck > 500) {
        lastCheck = Date.now();
        const now = await db.run.findUniqueOrThrow({ where: { id: runId }, select: { status: true, runnerToken: true } });
        if (now.runnerToken !== token && now.status === "RUNNING") return "not-claimed"; // taken over
        if (now.status === "PAUSED" || now.status === "CANCELLED") control = now.status;
        await db.run.updateMany({ where: { id: runId, runnerToken: token }, data: { heartbeatAt: new Date() } });
        // Items still being answered (slow, or retrying) keep their lease.
        if (inflightItems.size) {
          // One order for every bulk lock.
          await db.$executeRaw(extendItemLeases(runId, [...inflightItems].sort((a, b) => a - b), leaseSeconds));
        }
      }
      if (stopReason || control) break;
      const free = limit.value - inflight.size;
      const batch = free > 0 ? await claim(free) : [];
      for (const { itemId, text, examples, usd } of batch) {
        inflightItems.add(itemId);
        const p: Promise<void> = work(itemId, text, examples, usd)
          .catch((err) => {
            crashed ??= err;
          })
          .finally(() => {
            inflight.delete(p);
            inflightItems.delete(itemId);
          });
        inflight.add(p);
      }
      if (!batch.length) {
        if (inflight.size) await Promise.race(inflight);
        else {
          await buffer.drain();
          const pending = await db.runItem.count({ where: { runId, status: "PENDING" } });
          if (!pending) break;
          await sleep(250); // pending items are leased by another worker, or their lease has not expired yet
        }
      } else if (inflight.size >= limit.value) {
        await Promise.race(inflight);
      }
    }
    await Promise.all(inflight);
    if (crashed) throw crashed;
    await buffer.drain();
  } catch (err) {
    if (err instanceof SimulatedRunCrash) {
      await Promise.allSettled(inflight);
      await buffer.drain().catch(() => {}); // what was answered before the "crash" had been written
      throw err; // a dead process writes nothing more
    }
    console.error(`[run ${runId}]`, err);
    await Promise.allSettled(inflight);
    await buffer.drain().catch(() => {});
    await finish(runId, token, "STOPPED", `The run stopped on an unexpected error: ${(err as Error).message}`);
    return "stopped";
  }
  if (control === "CANCELLED") return "cancelled";
  if (control === "PAUSED") return "paused";
  if (stopReason) {
    await finish(runId, token, "STOPPED", stopReason);
    return "stopped";
  }
  await finish(runId, token, "DONE", null);
  return "done";
}

async function finish(runId: string, token: string, status: "DONE" | "STOPPED", error: string | null) {
  const db = await getDb();
  await db.run.updateMany({
    where: { id: runId, runnerToken: token, status: "RUNNING" },
    data: { status, error, finishedAt: new Date(), runnerToken: null },
  });
}
