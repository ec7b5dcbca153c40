// Message Batches mode: half price, answers within 24 hours. Pending items are submitted in
// batches (custom_id = item id); each batch id is stored on the run the moment the API returns
// it, so a restarted worker polls the batches it has instead of submitting again. Results are
// joined back by custom_id; errored or expired requests are submitted once more, then fail.
import type Anthropic from "@anthropic-ai/sdk";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { llmClient, toLlmError } from "@/lib/llm/client";
import { buildRequest, promptChars, type PromptContext } from "@/lib/llm/build-request";
import { costUsd, estimateMaxCostUsd } from "@/lib/llm/pricing";
import { interpretMessage, settleItem, usageOf, type RunRef } from "@/lib/runs/settle-item";
import { releaseReservation, reserveBudgetMany, STOP_MESSAGES } from "@/lib/runs/budget";

const MAX_SUBMISSIONS = 2;
const BATCH_MAX_REQUESTS = 10_000;

type Result = "done" | "stopped" | "paused" | "cancelled";

export async function processBatchRun(args: { runRef: RunRef; ctx: PromptContext; token: string }): Promise<Result> {
  const { runRef, ctx, token } = args;
  const { runId, projectId } = runRef;
  const db = await getDb();
  const client = llmClient();
  const pollMs = env().llm.batchPollMs;

  const control = async (): Promise<"PAUSED" | "CANCELLED" | "LOST" | null> => {
    const r = await db.run.findUniqueOrThrow({ where: { id: runId }, select: { status: true, runnerToken: true } });
    if (r.status === "PAUSED" || r.status === "CANCELLED") return r.status;
    if (r.runnerToken !== token) return "LOST";
    await db.run.updateMany({ where: { id: runId, runnerToken: token }, data: { heartbeatAt: new Date() } });
    return null;
  };

  for (;;) {
    const c = await control();
    if (c === "PAUSED") return "paused";
    if (c === "CANCELLED" || c === "LOST") return "cancelled";
    const run = await db.run.findUniqueOrThrow({ where: { id: runId }, select: { batchIds: true } });

    if (!run.batchIds.length) {
      const submitted = await submitPending();
      if (typeof submitted === "object") return stop(STOP_MESSAGES[submitted.limit]);
      if (submitted === 0) return stop(null);
      continue;
    }
    // Poll the oldest open batch; fold its results in when it has ended.
    const batchId = run.batchIds[0];
    let batch: Anthropic.Messages.MessageBatch;
    try {
      batch = await client.messages.batches.retrieve(batchId);
    } catch (raw) {
      const err = toLlmError(raw);
      if (!err.retryable) return stop(`Could not read batch ${batchId}: ${err.message}`);
      await new Promise((r) => setTimeout(r, pollMs));
      continue;
    }
    if (batch.processing_status !== "ended") {
      await new Promise((r) => setTimeout(r, pollMs));
      continue;
    }
    await collect(batchId);
  }

  async function stop(error: string | null): Promise<Result> {
    await db.run.updateMany({
      where: { id: runId, runnerToken: token },
      data: { status: error ? "STOPPED" : "DONE", error, finishedAt: new Date(), runnerToken: null },
    });
    return error ? "stopped" : "done";
  }

  /** Submits every pending item not yet submitted twice. Returns how many, or the limit that refused it. */
  async function submitPending(): Promise<number | { limit: "project" | "instance" }> {
    const pending = await db.runItem.findMany({
      where: { runId, status: "PENDING", attempts: { lt: MAX_SUBMISSIONS } },
      orderBy: { itemId: "asc" },
      take: BATCH_MAX_REQUESTS,
      select: { itemId: true },
    });
    if (!pending.length) {
      // Items that used up their submissions fail with the reason.
      const spent = await db.runItem.findMany({ where: { runId, status: "PENDING" }, select: { itemId: true } });
      for (const s of spent) {
        await settleItem(runRef, s.itemId, { outcome: { kind: "failed", reason: "the batch request errored or expired twice" }, usage: zero(), cost: 0, latencyMs: 0 });
      }
      return 0;
    }
    const items = await db.item.findMany({ where: { projectId, id: { in: pending.map((p) => p.itemId) } }, select: { id: true, text: true } });
    const requests = items.map((i) => ({ custom_id: String(i.id), params: buildRequest(ctx, i.text) }));
    const estimate = requests.reduce((sum, r) => sum + estimateMaxCostUsd(ctx.modelId, promptChars(r.params), ctx.settings.maxTokens, { batch: true }), 0);
    // One reservation for the whole batch, spread over its items so each settles its share.
    const reserved = await reserveBudgetMany(
      projectId,
      runId,
      items.map((i) => ({ itemId: i.id, usd: estimate / items.length })),
      { countSubmission: true },
    );
    if (!reserved.ok) return { limit: reserved.limit };
    const batch = await client.messages.batches.create({ requests });
    await db.run.update({ where: { id: runId }, data: { batchIds: { push: batch.id } } });
    return requests.length;
  }

  async function collect(batchId: string) {
    for await (const r of await client.messages.batches.results(batchId)) {
      const itemId = Number(r.custom_id);
      const runItem = await db.runItem.findUnique({ where: { runId_itemId: { runId, itemId } }, select: { status: true, attempts: true, reservedUsd: true } });
      if (!runItem || runItem.status !== "PENDING") continue; // already folded in (a restart mid-collection)
      if (r.result.type !== "succeeded") {
        if (runItem.attempts < MAX_SUBMISSIONS) {
          // Give the reservation back; the next submission reserves again.
          await db.$transaction((tx) => releaseReservation(tx, projectId, runId, itemId));
          continue;
        }
        const why = r.result.type === "errored" ? `${r.result.error.error.type}: ${r.result.error.error.message}` : r.result.type;
        await settleItem(runRef, itemId, { outcome: { kind: "failed", reason: `batch request ${why}` }, usage: zero(), cost: 0, latencyMs: 0 });
        continue;
      }
      const message = r.result.message;
      const item = await db.item.findFirst({ where: { id: itemId, projectId }, select: { text: true } });
      const a = interpretMessage(ctx, message, item?.text ?? "");
      const usage = usageOf(message);
      const cost = costUsd(ctx.modelId, usage, { batch: true });
      await settleItem(runRef, itemId, {
        outcome: a.value ? { kind: "ok", value: a.value, confidence: a.confidence!, confidenceSource: "SELF_REPORTED", rationale: a.rationale ?? null } : { kind: "failed", reason: a.reason! },
        usage,
        cost,
        latencyMs: 0,
      });
    }
    // Only now is the batch done with: a crash above re-reads it and skips what was folded in.
    const run = await db.run.findUniqueOrThrow({ where: { id: runId }, select: { batchIds: true } });
    await db.run.update({ where: { id: runId }, data: { batchIds: run.batchIds.filter((b) => b !== batchId) } });
  }
}

const zero = () => ({ inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 });
