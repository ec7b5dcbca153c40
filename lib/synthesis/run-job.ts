// The synthesis job: asks Claude for new texts of one label in rounds (directly, or one Message
// Batch per round, polled between steps like a batch-mode run), checks them (length,
// language, near-duplicates against the project and each other: lib/synthesis/dedupe.ts), and
// imports the rest as SYNTHETIC items whose suggestion is the intended label, so they enter the
// review queue for people to accept, relabel or reject. Every request reserves its worst-case cost
// on the project's budget and the instance's monthly limit first (lib/runs/budget.ts), and is
// retried on rate limits and overloads like a run's. The job holds its row's lease; pausing or
// cancelling clears it and the job stops before its next request, keeping the texts it already
// paid for in that round (checked and imported like a finished round).
import crypto from "node:crypto";
import type Anthropic from "@anthropic-ai/sdk";
import { franc } from "franc-min";
import { z } from "zod";
import { getDatabase, getDb } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { env } from "@/lib/env";
import { Lease } from "@/lib/jobs/lease";
import { callWithRetries, countAnswer } from "@/lib/llm/call";
import { llmClient, LlmError, toLlmError } from "@/lib/llm/client";
import { costUsd, maxRequestCostUsd } from "@/lib/llm/pricing";
import { tokenBound } from "@/lib/llm/tokens";
import { reserveSpend, settleMoney, settleMoneyNow, STOP_MESSAGES } from "@/lib/runs/budget";
import { standInVersion } from "@/lib/prompts/stand-in-version";
import { findNearDuplicates } from "@/lib/synthesis/dedupe";
import { generationRequest, PER_REQUEST, type GenerationContext } from "@/lib/synthesis/prompt";
import { attributesSchema, LANGUAGES, type LanguageCode } from "@/lib/synthesis/schemas";
import { SYNTHESIS_SOURCE } from "@/lib/prompts/stand-in-version";
import { markSuggested } from "@/lib/gold/sql";
import { synthesisSeeds } from "@/lib/synthesis/seeds";
import { log } from "@/lib/observability/log";

export const SYNTHESIS_LEASE_SECONDS = 120;
/** Rounds of generate, check, import: later rounds make up for what the checks dropped. */
const MAX_ROUNDS = 3;
export const MIN_CHARS = 20;

const answerSchema = z.object({ examples: z.array(z.object({ text: z.string(), label: z.string() })) });

type Job = {
  id: string;
  projectId: string;
  label: string;
  count: number;
  attributes: unknown;
  modelId: string;
  createdById: string;
  kept: number;
  maxSimilarity: number;
  mode: "DIRECT" | "BATCH";
  round: number;
  batchId: string | null;
  reservedUsd: number;
};
type Drop = { text: string; reason: string; similarTo: string | null; similarity: number | null };

class Stop extends Error {}

/** What a step of the job ends with; `wait`: a batch is open, poll again after this long. */
export type SynthesisStep = "done" | "not-claimed" | "lost" | "failed" | "stopped" | { wait: number };

/** Test hooks: `afterRequest` runs after each direct-mode request (to pause a job mid-round). */
export type SynthesisFaults = { afterRequest?: (requests: number) => Promise<void> };

export async function runSynthesisJob(jobId: string, faults: SynthesisFaults = {}): Promise<SynthesisStep> {
  const lease = await Lease.claim("SynthesisJob", jobId, SYNTHESIS_LEASE_SECONDS);
  if (!lease) return closeCancelledBatch(jobId);
  lease.keepAlive();
  const db = await getDb();
  const mine = { id: jobId, runnerToken: lease.token };
  try {
    const row = await db.synthesisJob.findUniqueOrThrow({ where: { id: jobId } });
    const job: Job = { ...row, reservedUsd: Number(row.reservedUsd), maxSimilarity: (row.attributes as { maxSimilarity?: number }).maxSimilarity ?? 0.6 };
    const outcome = job.mode === "BATCH" ? await batchStep(lease, job) : await directRounds(lease, job, faults);
    if (outcome === "done") await db.synthesisJob.updateMany({ where: mine, data: { status: "DONE", finishedAt: new Date(), runnerToken: null } });
    // Between polls the job stays RUNNING without a runner: the next step (or the sweep) claims it.
    if (typeof outcome === "object") await db.synthesisJob.updateMany({ where: mine, data: { runnerToken: null } });
    return outcome;
  } catch (err) {
    const stopped = err instanceof Stop;
    const message = stopped
      ? err.message
      : err instanceof LlmError
        ? `The model API refused the request: ${err.message}`
        : "An unexpected error on the server stopped the job (the server log has the details).";
    if (!stopped && !(err instanceof LlmError)) log.error(`[synthesis ${jobId}]`, { err });
    await db.synthesisJob.updateMany({
      where: mine,
      data: { status: stopped ? "STOPPED" : "FAILED", error: message, finishedAt: new Date(), runnerToken: null },
    });
    return stopped ? "stopped" : "failed";
  } finally {
    lease.stop();
  }
}

/** Direct mode: rounds of requests one by one, each round checked and imported, in this one step. */
async function directRounds(lease: Lease, job: Job, faults: SynthesisFaults): Promise<SynthesisStep> {
  const ctx = await generationContext(job);
  let kept = job.kept;
  let request = 0;
  for (let round = 0; round < MAX_ROUNDS && kept < job.count; round++) {
    const texts: string[] = [];
    const want = job.count - kept;
    // A model that keeps answering short gets at most twice the requests the round needs.
    for (let calls = 0; texts.length < want && calls < 2 * Math.ceil(want / PER_REQUEST); calls++) {
      // Paused or cancelled: stop before the next request, keeping what this round already bought.
      if (lease.lost || !(await lease.renew())) return keepPaidTexts(job, texts);
      const n = Math.min(PER_REQUEST, want - texts.length);
      const got = await generate(job, ctx, n, request++);
      await faults.afterRequest?.(request);
      if (!got.length) break;
      texts.push(...got.slice(0, n));
    }
    if (lease.lost) return keepPaidTexts(job, texts);
    kept += await finishRound(job, texts, kept);
  }
  return "done";
}

/**
 * Batch mode, one step per poll: collect the open batch when it has ended (its texts checked and
 * imported like a direct round), then submit the next round's batch if texts are still owed.
 */
async function batchStep(lease: Lease, job: Job): Promise<SynthesisStep> {
  const client = llmClient();
  const db = await getDb();
  let kept = job.kept;
  let round = job.round;
  if (job.batchId) {
    let texts: string[];
    try {
      const batch = await client.messages.batches.retrieve(job.batchId);
      if (batch.processing_status !== "ended") return { wait: env().llm.batchPollMs };
      texts = await collectBatch(client, job);
    } catch (raw) {
      // The API away for a moment: poll again later; anything else ends the job.
      const err = toLlmError(raw);
      if (err.retryable) return { wait: env().llm.batchPollMs };
      throw err;
    }
    round++;
    if (lease.lost) return "lost";
    kept += await finishRound(job, texts, kept);
  }
  if (kept >= job.count || round >= MAX_ROUNDS) return "done";
  if (lease.lost || !(await lease.renew())) return "lost";
  const want = job.count - kept;
  // The seeds are read only when a batch is built, not at every poll.
  const ctx = await generationContext(job);
  const requests = Array.from({ length: Math.ceil(want / PER_REQUEST) }, (_, k) => {
    const params = generationRequest(ctx, Math.min(PER_REQUEST, want - k * PER_REQUEST), round * 1000 + k);
    return { custom_id: `r${round}-${k}`, params };
  });
  const worst = requests.reduce(
    (sum, r) =>
      sum +
      maxRequestCostUsd(job.modelId, tokenBound(JSON.stringify([r.params.system, r.params.messages, r.params.tools])), r.params.max_tokens, { batch: true }),
    0,
  );
  const reservation = await reserveSpend(job.projectId, worst);
  if (!reservation.ok) throw new Stop(STOP_MESSAGES[reservation.limit]);
  let batchId: string;
  try {
    batchId = (await client.messages.batches.create({ requests })).id;
  } catch (err) {
    await settleMoneyNow(job.projectId, worst, 0);
    throw toLlmError(err);
  }
  // Stored at once: a restarted worker polls this batch instead of submitting another.
  await db.synthesisJob.update({ where: { id: job.id }, data: { batchId, reservedUsd: worst, requests: { increment: requests.length } } });
  return { wait: env().llm.batchPollMs };
}

/**
 * A job cancelled while its batch was open: the batch is cancelled at the API and, once it has
 * ended, whatever it was billed for is settled in place of the reservation (its texts are not
 * imported). Until then the reservation stays, so the budget never counts money as free that the
 * API may still bill.
 */
async function closeCancelledBatch(jobId: string): Promise<SynthesisStep> {
  const lease = await Lease.claim("SynthesisJob", jobId, SYNTHESIS_LEASE_SECONDS, {
    when: sql`status = 'CANCELLED' AND "batchId" IS NOT NULL AND ("runnerToken" IS NULL OR "heartbeatAt" < now() - make_interval(secs => ${SYNTHESIS_LEASE_SECONDS}))`,
  });
  if (!lease) return "not-claimed";
  const db = await getDb();
  try {
    const row = await db.synthesisJob.findUniqueOrThrow({ where: { id: jobId } });
    const client = llmClient();
    let batch = await client.messages.batches.retrieve(row.batchId!);
    if (batch.processing_status === "in_progress") batch = await client.messages.batches.cancel(row.batchId!);
    if (batch.processing_status !== "ended") {
      await db.synthesisJob.updateMany({ where: { id: jobId, runnerToken: lease.token }, data: { runnerToken: null } });
      return { wait: env().llm.batchPollMs };
    }
    await collectBatch(client, { ...row, reservedUsd: Number(row.reservedUsd), maxSimilarity: 0 });
    await db.synthesisJob.updateMany({ where: { id: jobId, runnerToken: lease.token }, data: { batchId: null, runnerToken: null } });
    return "stopped";
  } finally {
    lease.stop();
  }
}

/** The texts of an ended batch, its cost settled at batch prices in place of the reservation. */
async function collectBatch(client: Anthropic, job: Job): Promise<string[]> {
  const texts: string[] = [];
  const usage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
  for await (const r of await client.messages.batches.results(job.batchId!)) {
    if (r.result.type !== "succeeded") continue; // errored or expired: the next round makes up for it
    const m = r.result.message;
    countAnswer(m, { batch: true });
    usage.inputTokens += m.usage.input_tokens;
    usage.outputTokens += m.usage.output_tokens;
    usage.cacheReadTokens += m.usage.cache_read_input_tokens ?? 0;
    usage.cacheWriteTokens += m.usage.cache_creation_input_tokens ?? 0;
    texts.push(...textsOf(m, job.label));
  }
  const spent = costUsd(job.modelId, usage, { batch: true });
  const database = await getDatabase();
  await database.rawTransaction(async (tx) => {
    await settleMoney(tx, job.projectId, job.reservedUsd, spent);
    // The batch is closed with its settlement, so a crash after this never settles it twice (its
    // texts, not yet imported, are then lost with the step; the spend stays counted).
    await tx.query(
      sql`UPDATE "SynthesisJob" SET "batchId" = NULL, round = round + 1, "reservedUsd" = 0, "inputTokens" = "inputTokens" + ${usage.inputTokens},
            "outputTokens" = "outputTokens" + ${usage.outputTokens}, "costUsd" = "costUsd" + ${spent}
          WHERE id = ${job.id}`,
    );
  });
  return texts;
}

/**
 * The lease is gone mid-round: the texts already paid for are checked and imported, but only if
 * the job was paused or cancelled (nobody else holds it; a job taken over by another worker is
 * that worker's to finish). The count is re-read under the row's lock, so a resume racing this
 * cannot import past what the job owes.
 */
async function keepPaidTexts(job: Job, texts: string[]): Promise<"lost"> {
  if (texts.length) await finishRound(job, texts, null);
  return "lost";
}

/**
 * A round's texts checked (length, language, near-duplicates) and the rest imported; returns how
 * many were kept. `alreadyKept` null: the job has lost its lease (keepPaidTexts).
 */
async function finishRound(job: Job, texts: string[], alreadyKept: number | null): Promise<number> {
  const drops: Drop[] = [];
  const checked = checkTexts(texts, job, drops);
  const near = await findNearDuplicates(job.projectId, checked, job.maxSimilarity);
  const dropped = new Set(near.map((d) => d.index));
  for (const d of near) drops.push({ text: checked[d.index], reason: d.reason, similarTo: d.similarTo, similarity: d.similarity });
  return importTexts(
    job,
    checked.filter((_, i) => !dropped.has(i)),
    drops,
    alreadyKept,
  );
}

async function generationContext(job: Job): Promise<GenerationContext> {
  const db = await getDb();
  const project = await db.project.findUniqueOrThrow({
    where: { id: job.projectId },
    select: { guidelines: true, labels: { where: { retiredAt: null }, orderBy: { position: "asc" }, select: { name: true, description: true } } },
  });
  const { seeds, contrasts } = await synthesisSeeds(job.projectId, job.label, job.id);
  return {
    modelId: job.modelId,
    label: job.label,
    labelDescription: project.labels.find((l) => l.name === job.label)?.description ?? "",
    labels: project.labels,
    guidelines: project.guidelines,
    attributes: attributesSchema.parse(job.attributes),
    seeds,
    contrasts,
  };
}

/** One request: reserve, call, settle the cost, and the texts it returned (for the job's label only). */
async function generate(job: Job, ctx: GenerationContext, n: number, request: number): Promise<string[]> {
  const req = generationRequest(ctx, n, request);
  const inputBound = tokenBound(JSON.stringify([req.system, req.messages, req.tools]));
  const worst = maxRequestCostUsd(job.modelId, inputBound, req.max_tokens);
  const reservation = await reserveSpend(job.projectId, worst);
  if (!reservation.ok) throw new Stop(STOP_MESSAGES[reservation.limit]);
  let message: Anthropic.Message | null = null;
  try {
    message = (await callWithRetries(llmClient(), req)).message;
  } finally {
    const usage = message
      ? {
          inputTokens: message.usage.input_tokens,
          outputTokens: message.usage.output_tokens,
          cacheReadTokens: message.usage.cache_read_input_tokens ?? 0,
          cacheWriteTokens: message.usage.cache_creation_input_tokens ?? 0,
        }
      : null;
    const spent = usage ? costUsd(job.modelId, usage) : 0;
    const database = await getDatabase();
    await database.rawTransaction(async (tx) => {
      await settleMoney(tx, job.projectId, worst, spent);
      await tx.query(
        sql`UPDATE "SynthesisJob" SET requests = requests + 1, "inputTokens" = "inputTokens" + ${usage?.inputTokens ?? 0},
              "outputTokens" = "outputTokens" + ${usage?.outputTokens ?? 0}, "costUsd" = "costUsd" + ${spent}
            WHERE id = ${job.id}`,
      );
    });
  }
  return textsOf(message, job.label);
}

/** The texts of an answer, for the job's label only (nothing from an answer that does not fit the tool). */
function textsOf(message: Anthropic.Message, label: string): string[] {
  const block = message.content.find((b): b is Anthropic.ToolUseBlock => b.type === "tool_use");
  const parsed = answerSchema.safeParse(block?.input);
  if (!parsed.success) return [];
  return parsed.data.examples.filter((e) => e.label === label).map((e) => e.text.trim());
}

/** Length and language checks; what fails goes to `drops` with the reason. */
function checkTexts(texts: string[], job: Job, drops: Drop[]): string[] {
  const { language } = attributesSchema.parse(job.attributes);
  const maxChars = env().import.maxTextChars;
  return texts.filter((text) => {
    let reason: string | null = null;
    if (text.length < MIN_CHARS) reason = `shorter than ${MIN_CHARS} characters`;
    else if (text.length > maxChars) reason = `longer than the instance's ${maxChars.toLocaleString("en-US")}-character limit`;
    else if (language) {
      const found = franc(text, { minLength: MIN_CHARS });
      if (found !== "und" && found !== language) reason = `not in ${LANGUAGES[language]} (looks like ${LANGUAGES[found as LanguageCode] ?? found})`;
    }
    if (reason) drops.push({ text, reason, similarTo: null, similarity: null });
    return reason === null;
  });
}

/**
 * The passing texts (as many as the job still owes) as SYNTHETIC items with the intended label as
 * their suggestion, and the drops, in one transaction; returns how many were kept. With
 * `alreadyKept` null the job's row must be paused or cancelled and unclaimed, else nothing is written.
 */
async function importTexts(job: Job, passing: string[], drops: Drop[], alreadyKept: number | null): Promise<number> {
  const versionId = await standInVersion(job.projectId, job.createdById, { kind: "external", source: SYNTHESIS_SOURCE });
  const database = await getDatabase();
  const value = { label: job.label };
  const short = job.id.slice(-8);
  return database.rawTransaction(async (tx) => {
    let before = alreadyKept;
    if (before === null) {
      const [row] = await tx.query<{ kept: number }>(
        sql`SELECT kept FROM "SynthesisJob" WHERE id = ${job.id} AND "runnerToken" IS NULL AND status IN ('PAUSED', 'CANCELLED') FOR UPDATE`,
      );
      if (!row) return 0;
      before = row.kept;
    }
    const keep = passing.slice(0, Math.max(0, job.count - before));
    if (keep.length) {
      const rows = keep.map((text, i) => ({ e: `synth-${short}-${before + i + 1}`, t: text }));
      const items = await tx.query<{ id: number }>(sql`
        INSERT INTO "Item" ("projectId", "externalId", text, metadata, origin, "synthesisJobId")
        SELECT ${job.projectId}, x.e, x.t, ${JSON.stringify({ intended_label: job.label, synthesis_job: job.id, model: job.modelId })}::jsonb, 'SYNTHETIC', ${job.id}
        FROM json_to_recordset(${JSON.stringify(rows)}::json) AS x(e text, t text)
        ON CONFLICT ("projectId", "externalId") DO NOTHING
        RETURNING id`);
      await tx.query(sql`
        INSERT INTO "Suggestion" (id, "projectId", "itemId", "promptVersionId", status, value, "confidenceSource", model)
        SELECT x.id, ${job.projectId}, x.i, ${versionId}, 'OK', ${JSON.stringify(value)}::jsonb, 'INTENDED', ${job.modelId}
        FROM json_to_recordset(${JSON.stringify(items.map((r) => ({ id: crypto.randomUUID(), i: Number(r.id) })))}::json) AS x(id text, i int)`);
      // Created in the start state; lib/gold moves them on (they have a suggestion now).
      await tx.query(markSuggested(items.map((r) => Number(r.id))));
    }
    if (drops.length) {
      await tx.query(sql`
        INSERT INTO "SynthesisDrop" ("jobId", text, reason, "similarTo", similarity)
        SELECT ${job.id}, x.t, x.r, x.s, x.j FROM json_to_recordset(${JSON.stringify(drops.map((d) => ({ t: d.text.slice(0, 2000), r: d.reason, s: d.similarTo, j: d.similarity })))}::json)
          AS x(t text, r text, s text, j float8)`);
    }
    await tx.query(
      sql`UPDATE "SynthesisJob" SET kept = kept + ${keep.length}, dropped = dropped + ${drops.length}, generated = generated + ${keep.length + drops.length} WHERE id = ${job.id}`,
    );
    return keep.length;
  });
}
