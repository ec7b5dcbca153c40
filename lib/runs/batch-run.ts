// Message Batches mode (half price, answers within 24 hours), one step per job: collect the
// batches that have ended, submit what is pending when none is open, then give the run back and
// ask to be woken at the next poll, so a waiting batch never holds a worker slot. Every sample of
// every item is its own request (custom_id = item and sample), built by the same door as a direct
// run with the same few-shot examples, and settled the same way (lib/llm/batch.ts). Each batch id
// is stored the moment the API returns it, so a restarted worker polls instead of submitting
// again. A sample that errored or expired is sent again once (all of its item's samples), then
// counts as a failed sample.
import { countAnswer } from "@/lib/llm/call";
import type Anthropic from "@anthropic-ai/sdk";
import { getDatabase, getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { llmClient, toLlmError } from "@/lib/llm/client";
import { batchRequestsFor, parseCustomId, sampleOf, settleBatchSamples, type BatchRequest } from "@/lib/llm/batch";
import { FewShotIndex } from "@/lib/llm/few-shot";
import { pairOf } from "@/lib/pairwise/judge";
import { maxItemCostUsd, requestsPerItem, type ItemToLabel, type PreparedPrompt } from "@/lib/llm/label-item";
import { attachImages } from "@/lib/llm/item-images";
import { taskTypeDef } from "@/lib/task-types";
import { AppError } from "@/lib/errors";
import type { Sample, Settled } from "@/lib/llm/answers";
import { sql } from "@/lib/db/sql";
import type { Lease } from "@/lib/jobs/lease";
import { releaseReservation, reserveBudgetMany, STOP_MESSAGES } from "@/lib/runs/budget";
import { finishRun, type StepOutcome } from "@/lib/runs/direct-run";
import { loadGoldExamples } from "@/lib/prompts/gold-examples";
import { settleItems, type RunRef } from "@/lib/runs/settle-items";

const MAX_SUBMISSIONS = 2;
/** Requests per batch we send (the API takes up to 100,000 or 256 MB). */
const BATCH_MAX_REQUESTS = 10_000;
/** Pictures per batch: 16 × 6.7 MB at worst (5 MB each, as base64) stays well inside the API's 256 MB and the worker's heap. */
const IMAGES_PER_BATCH = 16;
const SETTLE_CHUNK = 500;

export async function batchStep(lease: Lease, runRef: RunRef, prompt: PreparedPrompt): Promise<StepOutcome> {
  const db = await getDb();
  let client: Anthropic;
  try {
    client = llmClient();
  } catch (err) {
    return finishRun(lease, "STOPPED", (err as Error).message);
  }
  const pollMs = env().llm.batchPollMs;
  const run = await db.run.findUniqueOrThrow({ where: { id: runRef.runId }, select: { status: true, runnerToken: true, batchIds: true } });
  if (run.status === "PAUSED") return "paused";
  if (run.status === "CANCELLED") return "cancelled";
  if (run.runnerToken !== lease.token) return "lost";

  for (const batchId of run.batchIds) {
    let batch: Anthropic.Messages.MessageBatch;
    try {
      batch = await client.messages.batches.retrieve(batchId);
    } catch (raw) {
      const err = toLlmError(raw);
      if (!err.retryable) return finishRun(lease, "STOPPED", `Could not read batch ${batchId}: ${err.message}`);
      return wait(lease, pollMs);
    }
    if (batch.processing_status === "ended") await collectBatch(client, runRef, prompt, batchId);
  }
  if ((await openBatches(runRef.runId)).length) return wait(lease, pollMs);

  const submitted = await submitPending(client, runRef, prompt, lease);
  if (submitted.refused && !submitted.count) return finishRun(lease, "STOPPED", submitted.refused);
  if (!submitted.count) return finishRun(lease, "DONE", null);
  return wait(lease, pollMs);
}

async function wait(lease: Lease, ms: number): Promise<StepOutcome> {
  await lease.pause(new Date(Date.now() + ms));
  return { waitMs: ms };
}

async function openBatches(runId: string): Promise<string[]> {
  const db = await getDb();
  return (await db.run.findUniqueOrThrow({ where: { id: runId }, select: { batchIds: true } })).batchIds;
}

/** Submits every pending item that has submissions left, in batches, while the budgets allow. */
async function submitPending(client: Anthropic, runRef: RunRef, prompt: PreparedPrompt, lease: Lease): Promise<{ count: number; refused: string | null }> {
  const db = await getDb();
  const { runId, projectId } = runRef;
  await failSpentItems(runRef);
  // No batch is open, so nothing should hold money: a batch lost before its id was stored did.
  const held = await db.runItem.findMany({ where: { runId, status: "PENDING", reservedUsd: { gt: 0 } }, select: { itemId: true } });
  for (const h of held) await (await getDatabase()).rawTransaction((tx) => releaseReservation(tx, projectId, runId, h.itemId));

  const fewShot = prompt.ctx.strategy === "FEW_SHOT" ? new FewShotIndex(await loadGoldExamples(projectId)) : null;
  // A batch of pictures is bounded by bytes, not requests: the Batches API takes at most 256 MB, and
  // every picture is held in memory (as base64, up to 6.7 MB each) until the batch is sent.
  const perBatch =
    taskTypeDef(prompt.ctx.taskType).content === "image" ? IMAGES_PER_BATCH : Math.max(1, Math.floor(BATCH_MAX_REQUESTS / requestsPerItem(prompt.ctx)));
  let count = 0;
  let after = -1;
  for (;;) {
    const pending = await db.runItem.findMany({
      where: { runId, status: "PENDING", attempts: { lt: MAX_SUBMISSIONS }, itemId: { gt: after } },
      orderBy: { itemId: "asc" },
      take: perBatch,
      select: { itemId: true },
    });
    // Paused or cancelled meanwhile: no new batch (one created anyway would be found and cancelled by the sweep).
    if (!pending.length || !(await lease.renew())) return { count, refused: null };
    after = pending[pending.length - 1].itemId;
    const items = await db.item.findMany({
      where: { projectId, id: { in: pending.map((p) => p.itemId) } },
      select: { id: true, text: true, pair: { select: { responseA: true, responseB: true } } },
    });
    const images = taskTypeDef(prompt.ctx.taskType).content === "image";
    const labeled: ItemToLabel[] = items.map((i) => ({
      itemId: i.id,
      text: i.text,
      pair: pairOf(i),
      examples: fewShot && !images ? fewShot.select(i.id, i.text, prompt.ctx.settings.fewShotK) : [],
    }));
    if (images) {
      await attachImages(projectId, labeled);
      const missing = labeled.find((i) => i.imageError);
      if (missing)
        throw new AppError("CONFLICT", `Item ${missing.itemId} cannot be sent: ${missing.imageError}. Run it in direct mode to record it as failed.`);
    }
    const reserved = await reserveBudgetMany(
      projectId,
      runId,
      labeled.map((item) => ({ itemId: item.itemId, usd: maxItemCostUsd(prompt, item, { batch: true }) })),
      { countSubmission: true },
    );
    if (!reserved.ok) return { count, refused: STOP_MESSAGES[reserved.limit] };
    const requests: BatchRequest[] = labeled.flatMap((item) => batchRequestsFor(prompt, item));
    const batch = await client.messages.batches.create({ requests });
    await db.$executeRaw(sql`UPDATE "Run" SET "batchIds" = array_append("batchIds", ${batch.id}) WHERE id = ${runId}`);
    count += labeled.length;
  }
}

/** Items that used up their submissions without an answer fail, with the reason. */
async function failSpentItems(runRef: RunRef) {
  const db = await getDb();
  const spent = await db.runItem.findMany({ where: { runId: runRef.runId, status: "PENDING", attempts: { gte: MAX_SUBMISSIONS } }, select: { itemId: true } });
  const failed = (): Settled => ({
    outcome: { kind: "failed", reason: "the batch request errored or expired twice" },
    usage: { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 },
    cost: 0,
    latencyMs: 0,
  });
  for (let i = 0; i < spent.length; i += SETTLE_CHUNK)
    await settleItems(
      runRef,
      spent.slice(i, i + SETTLE_CHUNK).map((s) => ({ itemId: s.itemId, settled: failed() })),
    );
}

/**
 * Folds an ended batch's results in: an item whose samples all errored or expired gives its
 * reservation back to be sent again (until its submissions are used up); a cancelled batch's
 * unprocessed items give theirs back and stay pending; every other item is settled.
 */
export async function collectBatch(client: Anthropic, runRef: RunRef, prompt: PreparedPrompt, batchId: string) {
  const db = await getDb();
  const { runId, projectId } = runRef;
  const samples = new Map<number, Sample[]>();
  let canceled = false;
  for await (const r of await client.messages.batches.results(batchId)) {
    const id = parseCustomId(r.custom_id);
    if (!id) continue;
    if (r.result.type === "canceled") canceled = true;
    if (r.result.type === "succeeded") countAnswer(r.result.message, { batch: true });
    const list = samples.get(id.itemId) ?? [];
    list[id.sample] = sampleOf(r.result);
    samples.set(id.itemId, list);
  }
  const ids = [...samples.keys()].sort((a, b) => a - b);
  // A restart mid-collection must not settle (and bill) an item twice.
  const pending = new Map(
    (await db.runItem.findMany({ where: { runId, itemId: { in: ids }, status: "PENDING" }, select: { itemId: true, attempts: true } })).map((r) => [
      r.itemId,
      r.attempts,
    ]),
  );
  const texts = new Map((await db.item.findMany({ where: { projectId, id: { in: ids } }, select: { id: true, text: true } })).map((i) => [i.id, i.text]));
  const settle: { itemId: number; settled: Settled }[] = [];
  for (const itemId of ids) {
    const attempts = pending.get(itemId);
    if (attempts === undefined) continue;
    const list = Array.from(
      { length: requestsPerItem(prompt.ctx) },
      (_, k) => samples.get(itemId)![k] ?? { error: "the batch returned no result for this sample" },
    );
    const answered = list.some((s) => "message" in s);
    if (!answered && (canceled || attempts < MAX_SUBMISSIONS)) {
      await (await getDatabase()).rawTransaction((tx) => releaseReservation(tx, projectId, runId, itemId));
      continue;
    }
    settle.push({ itemId, settled: settleBatchSamples(prompt, { text: texts.get(itemId) ?? "" }, list) });
  }
  for (let i = 0; i < settle.length; i += SETTLE_CHUNK) await settleItems(runRef, settle.slice(i, i + SETTLE_CHUNK));
  // Only now is the batch done with: a crash above reads it again and skips what was settled.
  await db.$executeRaw(sql`UPDATE "Run" SET "batchIds" = array_remove("batchIds", ${batchId}) WHERE id = ${runId}`);
}
