// Shared by direct and batch runs: reading one model answer, and recording one item's outcome.
import type Anthropic from "@anthropic-ai/sdk";
import { getDb } from "@/lib/db";
import type { PromptContext } from "@/lib/llm/build-request";
import { validateAnswer, type SuggestionValue } from "@/lib/llm/output-schema";
import type { Usage } from "@/lib/llm/pricing";

export type Outcome =
  | { kind: "ok"; value: SuggestionValue; confidence: number; confidenceSource: "VOTES" | "SELF_REPORTED"; rationale: string | null }
  | { kind: "failed"; reason: string };
export type Settled = { outcome: Outcome; usage: Usage; cost: number; latencyMs: number };
export type Interpreted = { value?: SuggestionValue; confidence?: number; rationale?: string | null; reason?: string };
export type RunRef = { runId: string; projectId: string; promptVersionId: string; modelId: string };

/** A refusal, a max_tokens cut, no tool call, or an answer outside the schema is a failure with its reason. */
export function interpretMessage(ctx: PromptContext, message: Anthropic.Message, itemText: string): Interpreted {
  if (message.stop_reason === "refusal") return { reason: "the model refused to answer" };
  if (message.stop_reason === "max_tokens") return { reason: "the answer was cut off at max_tokens" };
  const tool = message.content.find((b) => b.type === "tool_use");
  if (!tool || tool.type !== "tool_use") return { reason: "the model answered without calling the tool" };
  const labels = ctx.labels.map((l) => l.name);
  const v = validateAnswer(ctx.taskType, labels, itemText, tool.input, ctx.strategy === "CHAIN_OF_THOUGHT");
  return v.ok ? { value: v.value, confidence: v.confidence, rationale: v.rationale } : { reason: v.reason };
}

export function usageOf(message: Anthropic.Message): Usage {
  const u = message.usage;
  return { inputTokens: u.input_tokens, outputTokens: u.output_tokens, cacheReadTokens: u.cache_read_input_tokens ?? 0, cacheWriteTokens: u.cache_creation_input_tokens ?? 0 };
}

export async function settleItem(run: RunRef, itemId: number, s: Settled): Promise<void> {
  const { runId, promptVersionId } = run;
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const o = s.outcome;
    // Lock order, everywhere: Project, then RunItem, then the rest. (Reserving does the same.)
    const held = await tx.runItem.findUnique({ where: { runId_itemId: { runId, itemId } }, select: { reservedUsd: true } });
    await tx.$executeRawUnsafe(
      `UPDATE "Project" SET "spentUsd" = "spentUsd" + $2, "reservedUsd" = GREATEST(0, "reservedUsd" - $3) WHERE id = $1`,
      run.projectId,
      s.cost,
      Number(held?.reservedUsd ?? 0),
    );
    // Only the first settlement of an item counts (a lease that ran out can let two workers
    // answer the same item); the money spent counts either way.
    const first = await tx.runItem.updateMany({
      where: { runId, itemId, status: "PENDING" },
      data: { status: o.kind === "ok" ? "DONE" : "FAILED", lockedUntil: null, reservedUsd: 0 },
    });
    const spend = {
      inputTokens: { increment: s.usage.inputTokens },
      outputTokens: { increment: s.usage.outputTokens },
      cacheReadTokens: { increment: s.usage.cacheReadTokens },
      cacheWriteTokens: { increment: s.usage.cacheWriteTokens },
      costUsd: { increment: s.cost },
    };
    if (first.count === 0) {
      await tx.runItem.updateMany({ where: { runId, itemId }, data: { reservedUsd: 0 } });
      await tx.run.update({ where: { id: runId }, data: spend });
      return;
    }
    // (itemId, promptVersionId) is unique: a repeated item (a crash between the call and this
    // write, or a re-run) updates a failed row but never overwrites a good one.
    const key = { itemId_promptVersionId: { itemId, promptVersionId } };
    const existing = await tx.suggestion.findUnique({ where: key, select: { status: true } });
    const data = {
      runId,
      status: o.kind === "ok" ? ("OK" as const) : ("FAILED" as const),
      value: o.kind === "ok" ? (o.value as object) : undefined,
      confidence: o.kind === "ok" ? o.confidence : null,
      confidenceSource: o.kind === "ok" ? o.confidenceSource : null,
      rationale: o.kind === "ok" ? o.rationale : null,
      failureReason: o.kind === "failed" ? o.reason : null,
      model: run.modelId,
      ...s.usage,
      costUsd: s.cost,
      latencyMs: s.latencyMs,
    };
    if (!existing) await tx.suggestion.create({ data: { ...data, projectId: run.projectId, itemId, promptVersionId } });
    else if (existing.status === "FAILED") await tx.suggestion.update({ where: key, data });
    if (o.kind === "ok") await tx.item.updateMany({ where: { id: itemId, projectId: run.projectId, status: "NEW" }, data: { status: "PRELABELED" } });
    await tx.run.update({
      where: { id: runId },
      data: { ...spend, doneItems: { increment: o.kind === "ok" ? 1 : 0 }, failedItems: { increment: o.kind === "ok" ? 0 : 1 } },
    });
  });
}
