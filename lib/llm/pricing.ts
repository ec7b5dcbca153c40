// Model prices in US dollars per million tokens: the one table to update when Anthropic changes
// prices or ships a model (see README, "Model prices"). Cache writes (5-minute TTL) cost 1.25x the
// input price and cache reads 0.1x; the Message Batches API halves every price.
export const MODEL_PRICES: Record<string, { input: number; output: number }> = {
  "claude-opus-4-1": { input: 15, output: 75 },
  "claude-sonnet-4-5": { input: 3, output: 15 },
  "claude-haiku-4-5": { input: 1, output: 5 },
  "claude-3-5-haiku-latest": { input: 0.8, output: 4 },
};

export const DEFAULT_MODEL = "claude-haiku-4-5";
const CACHE_WRITE = 1.25;
const CACHE_READ = 0.1;
const BATCH_DISCOUNT = 0.5;

export type Usage = { inputTokens: number; outputTokens: number; cacheWriteTokens: number; cacheReadTokens: number };

export function priceOf(model: string) {
  const p = MODEL_PRICES[model];
  if (!p) throw new Error(`No price for model "${model}": add it to MODEL_PRICES in lib/llm/pricing.ts.`);
  return p;
}

export function costUsd(model: string, u: Usage, opts: { batch?: boolean } = {}): number {
  const p = priceOf(model);
  const dollars =
    (u.inputTokens * p.input + u.cacheWriteTokens * p.input * CACHE_WRITE + u.cacheReadTokens * p.input * CACHE_READ + u.outputTokens * p.output) / 1e6;
  return opts.batch ? dollars * BATCH_DISCOUNT : dollars;
}

/** An upper bound for one request, used to stop before a budget is exceeded: no cache discount, full output. */
export function estimateMaxCostUsd(model: string, promptChars: number, maxTokens: number, opts: { batch?: boolean } = {}): number {
  const inputTokens = Math.ceil(promptChars / 3); // ~4 chars per token in English; 3 leaves room
  return costUsd(model, { inputTokens, outputTokens: maxTokens, cacheWriteTokens: 0, cacheReadTokens: 0 }, opts);
}
