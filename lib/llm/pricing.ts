// What tokens cost. Cache writes (5-minute TTL) cost 1.25x the input price and cache reads 0.1x;
// the Message Batches API halves every price. Prices per model are in lib/llm/models.ts.
import type Anthropic from "@anthropic-ai/sdk";
import { modelInfo } from "@/lib/llm/models";

const CACHE_WRITE = 1.25;
const CACHE_READ = 0.1;
const BATCH_DISCOUNT = 0.5;

export type Usage = { inputTokens: number; outputTokens: number; cacheWriteTokens: number; cacheReadTokens: number };

export const zeroUsage = (): Usage => ({ inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 });

/** The tokens an answer reports, as the app counts them. */
export function usageOf(message: Anthropic.Message): Usage {
  const u = message.usage;
  return {
    inputTokens: u.input_tokens,
    outputTokens: u.output_tokens,
    cacheReadTokens: u.cache_read_input_tokens ?? 0,
    cacheWriteTokens: u.cache_creation_input_tokens ?? 0,
  };
}

export function addUsage(into: Usage, u: Usage): Usage {
  for (const k of Object.keys(into) as (keyof Usage)[]) into[k] += u[k];
  return into;
}

export function costUsd(model: string, u: Usage, opts: { batch?: boolean } = {}): number {
  const p = modelInfo(model);
  const dollars =
    (u.inputTokens * p.input + u.cacheWriteTokens * p.input * CACHE_WRITE + u.cacheReadTokens * p.input * CACHE_READ + u.outputTokens * p.output) / 1e6;
  return opts.batch ? dollars * BATCH_DISCOUNT : dollars;
}

/** The most one request can cost, to reserve before it goes out: every input token at the cache-write price (the dearest), full output. */
export function maxRequestCostUsd(model: string, inputTokens: number, maxTokens: number, opts: { batch?: boolean } = {}): number {
  return costUsd(model, { inputTokens: 0, outputTokens: maxTokens, cacheWriteTokens: inputTokens, cacheReadTokens: 0 }, opts);
}
