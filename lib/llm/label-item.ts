// The one door to the model: labels one item. A `PreparedPrompt` is a prompt version made ready
// for sending (its context, and whether its stable prefix is long enough to mark for caching).
// Direct runs call `labelItem`: k samples, each a strict tool call with retries, settled into one
// outcome (lib/llm/answers.ts). Batch runs use the same requests and the same settling through
// lib/llm/batch.ts. `maxItemCostUsd` is what a run reserves before the requests go out.
import type Anthropic from "@anthropic-ai/sdk";
import { buildRequest, prefixCountRequest, type FewShotExample, type PromptContext } from "@/lib/llm/build-request";
import { callWithRetries, type CallHooks } from "@/lib/llm/call";
import { LlmError } from "@/lib/llm/client";
import { maxRequestCostUsd } from "@/lib/llm/pricing";
import { settleSamples, type Sample, type Settled } from "@/lib/llm/answers";
import { tokenBound } from "@/lib/llm/tokens";

/** `prefixTokens`: the stable prefix's size (counted by the API, or bounded); bounded here when not given. */
export type PreparedPrompt = { ctx: PromptContext; cachePrefix: boolean; prefixTokens?: number };
export type ItemToLabel = { itemId: number; text: string; examples: FewShotExample[] };

export const itemRequest = (prompt: PreparedPrompt, item: ItemToLabel) => buildRequest(prompt.ctx, item.text, item.examples, { cachePrefix: prompt.cachePrefix });

const prefixBounds = new WeakMap<PromptContext, number>();
function prefixTokensOf(prompt: PreparedPrompt): number {
  if (prompt.prefixTokens !== undefined) return prompt.prefixTokens;
  let bound = prefixBounds.get(prompt.ctx);
  if (bound === undefined) {
    const req = prefixCountRequest(prompt.ctx);
    prefixBounds.set(prompt.ctx, (bound = tokenBound(JSON.stringify(req.tools) + JSON.stringify(req.system))));
  }
  return bound;
}

/** The most one request for this item can cost: the prefix, the item and its examples bounded without the tokenizer, every output token used. */
export function maxRequestUsd(prompt: PreparedPrompt, item: ItemToLabel, opts: { batch?: boolean } = {}): number {
  const { modelId, settings } = prompt.ctx;
  const variable = tokenBound(JSON.stringify(itemRequest(prompt, item).messages));
  return maxRequestCostUsd(modelId, prefixTokensOf(prompt) + variable, settings.maxTokens, opts);
}

/** The most the item's k samples can cost. */
export const maxItemCostUsd = (prompt: PreparedPrompt, item: ItemToLabel, opts: { batch?: boolean } = {}) => maxRequestUsd(prompt, item, opts) * prompt.ctx.settings.samples;

/**
 * Asks for the item's k samples, one after another, and settles them. A sample whose request
 * failed after its retries counts as a failed sample; errors no retry can fix (a spend limit, a
 * refused key) and whatever a hook throws (a stop) end the call and propagate.
 */
export async function labelItem(
  client: Anthropic,
  prompt: PreparedPrompt,
  item: ItemToLabel,
  hooks: CallHooks = {},
  opts: { extraCostUsd?: () => number } = {},
): Promise<Settled> {
  const req = itemRequest(prompt, item);
  const samples: Sample[] = [];
  for (let k = 0; k < prompt.ctx.settings.samples; k++) {
    try {
      samples.push(await callWithRetries(client, req, hooks));
    } catch (err) {
      if (!(err instanceof LlmError) || err.fatal) throw err;
      samples.push({ error: `API error after retries: ${err.kind}: ${err.message}` });
    }
  }
  return settleSamples(prompt.ctx, item.text, samples, { extraCostUsd: opts.extraCostUsd?.() });
}
