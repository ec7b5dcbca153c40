// The one door to the model: labels one item. A `PreparedPrompt` is a prompt version made ready
// for sending (its context, and whether its stable prefix is long enough to mark for caching).
// Direct runs call `labelItem`: k samples (a pairwise item's in both orders), each a strict tool
// call with retries, settled into one outcome (lib/llm/answers.ts). Batch runs use the same requests and the same settling through
// lib/llm/batch.ts. `maxItemCostUsd` is what a run reserves before the requests go out.
import type Anthropic from "@anthropic-ai/sdk";
import { buildRequest, prefixCountRequest, type FewShotExample, type PromptContext } from "@/lib/llm/build-request";
import { callWithRetries, type CallHooks } from "@/lib/llm/call";
import { LlmError } from "@/lib/llm/client";
import { maxRequestCostUsd } from "@/lib/llm/pricing";
import { settleSamples, type Sample, type Settled } from "@/lib/llm/answers";
import { tokenBound } from "@/lib/llm/tokens";
import { orderOf, pairItemText, pairwiseRequests, type Pair } from "@/lib/pairwise/judge";
import { taskTypeDef } from "@/lib/task-types";
import { pictureTokens, type WithImage } from "@/lib/llm/item-images";

/** `prefixTokens`: the stable prefix's size (counted by the API, or bounded); bounded here when not given. */
export type PreparedPrompt = { ctx: PromptContext; cachePrefix: boolean; prefixTokens?: number };
/**
 * `pair`: a pairwise item's two responses (its text is the prompt). `image`: an image item's picture
 * as sent (lib/llm/item-images.ts), or `imageError` when it could not be loaded.
 */
export type ItemToLabel = { itemId: number; text: string; examples: FewShotExample[]; pair?: Pair } & WithImage;

/** Requests per item: k samples, a pairwise item's in both orders. */
export const requestsPerItem = (ctx: Pick<PromptContext, "taskType" | "settings">) =>
  taskTypeDef(ctx.taskType).content === "pair" ? pairwiseRequests(ctx.settings.samples) : ctx.settings.samples;

/** The item's first request (the only one there is, for one sample of a non-pairwise item): what a preview shows. */
export const itemRequest = (prompt: PreparedPrompt, item: ItemToLabel) => itemRequests(prompt, item)[0];

/**
 * The requests one item needs: its k samples, each the same request; a pairwise item's samples
 * each twice, A shown first and then B (lib/pairwise/judge.ts).
 */
export function itemRequests(prompt: PreparedPrompt, item: ItemToLabel): Anthropic.MessageCreateParamsNonStreaming[] {
  const { samples } = prompt.ctx.settings;
  const opts = { cachePrefix: prompt.cachePrefix };
  if (taskTypeDef(prompt.ctx.taskType).content !== "pair")
    return Array(samples).fill(buildRequest(prompt.ctx, item.text, item.examples, { ...opts, image: item.image }));
  const pair = item.pair ?? { a: "", b: "" }; // every pairwise import requires both responses
  const orders = [
    buildRequest(prompt.ctx, pairItemText(item.text, pair, "AB"), item.examples, opts),
    buildRequest(prompt.ctx, pairItemText(item.text, pair, "BA"), item.examples, opts),
  ];
  return Array.from({ length: requestsPerItem(prompt.ctx) }, (_, r) => orders[orderOf(r) === "AB" ? 0 : 1]);
}

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

/**
 * The most one request can cost: the prefix, the item and its examples bounded without the
 * tokenizer (a picture by its documented token count, not its base64), every output token used.
 */
function maxRequestUsd(prompt: PreparedPrompt, req: Anthropic.MessageCreateParamsNonStreaming, opts: { batch?: boolean }, image: WithImage["image"]): number {
  const { modelId, settings } = prompt.ctx;
  const text = image ? JSON.stringify(req.messages).replace(image.data, "") : JSON.stringify(req.messages);
  const variable = tokenBound(text) + pictureTokens(image);
  return maxRequestCostUsd(modelId, prefixTokensOf(prompt) + variable, settings.maxTokens, opts);
}

/** The most the item's requests can cost (each distinct request bounded once: k samples repeat one). */
export function maxItemCostUsd(prompt: PreparedPrompt, item: ItemToLabel, opts: { batch?: boolean } = {}): number {
  const bounds = new Map<object, number>();
  let sum = 0;
  for (const req of itemRequests(prompt, item)) {
    let usd = bounds.get(req);
    if (usd === undefined) bounds.set(req, (usd = maxRequestUsd(prompt, req, opts, item.image)));
    sum += usd;
  }
  return sum;
}

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
  // An image item whose picture could not be loaded fails on its own: never labeled from its file name.
  if (item.imageError) return settleSamples(prompt.ctx, item.text, [{ error: `not sent: ${item.imageError}` }]);
  const samples: Sample[] = [];
  for (const req of itemRequests(prompt, item)) {
    try {
      samples.push(await callWithRetries(client, req, hooks));
    } catch (err) {
      if (!(err instanceof LlmError) || err.fatal) throw err;
      samples.push({ error: `API error after retries: ${err.kind}: ${err.message}` });
    }
  }
  return settleSamples(prompt.ctx, item.text, samples, { extraCostUsd: opts.extraCostUsd?.() });
}
