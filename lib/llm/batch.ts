// The request and response halves of the door for Message Batches: one batch request per sample
// (custom_id names the item and the sample), and the results of an item's samples settled exactly
// as a direct run settles them, at batch prices.
import type Anthropic from "@anthropic-ai/sdk";
import { settleSamples, type Sample, type Settled } from "@/lib/llm/answers";
import { itemRequests, type ItemToLabel, type PreparedPrompt } from "@/lib/llm/label-item";

export type BatchRequest = Anthropic.Messages.Batches.BatchCreateParams.Request;

export const customId = (itemId: number, sample: number) => `i${itemId}-s${sample}`;

export function parseCustomId(id: string): { itemId: number; sample: number } | null {
  const m = /^i(\d+)-s(\d+)$/.exec(id);
  return m ? { itemId: Number(m[1]), sample: Number(m[2]) } : null;
}

/** The item's requests as batch requests: the ones a direct run sends, numbered in the same order. */
export function batchRequestsFor(prompt: PreparedPrompt, item: ItemToLabel): BatchRequest[] {
  return itemRequests(prompt, item).map((params, k) => ({ custom_id: customId(item.itemId, k), params }));
}

/** What a batch result says about one sample. */
export function sampleOf(result: Anthropic.Messages.Batches.MessageBatchResult): Sample {
  if (result.type === "succeeded") return { message: result.message, latencyMs: 0 };
  if (result.type === "errored") return { error: `the batch request errored: ${result.error.error.type}: ${result.error.error.message}` };
  return { error: `the batch request ${result.type}` };
}

export const settleBatchSamples = (prompt: PreparedPrompt, item: { text: string }, samples: Sample[]): Settled =>
  settleSamples(prompt.ctx, item.text, samples, { batch: true });
