// The stable prefix of a prompt (tool, system text) and whether it is long enough to cache. The
// API caches nothing shorter than the model's minimum (and says nothing about it: the request is
// just billed in full), so a short prefix is sent without a cache mark and the prompt page says
// why. Its size comes from count_tokens when the API answers, else from the token bound.
import crypto from "node:crypto";
import type Anthropic from "@anthropic-ai/sdk";
import { prefixCountRequest, type PromptContext } from "@/lib/llm/build-request";
import { modelInfo } from "@/lib/llm/models";
import { tokenBound } from "@/lib/llm/tokens";
import { log } from "@/lib/observability/log";

export type PrefixSize = {
  tokens: number;
  /** From count_tokens; false when it is the bound (the API could not be asked). */
  counted: boolean;
  minCacheTokens: number;
  cacheable: boolean;
};

/** Changes whenever anything in the prefix does (model, labels, guidelines, instructions, strategy). */
export const prefixHash = (ctx: PromptContext) =>
  crypto
    .createHash("sha256")
    .update(JSON.stringify(prefixCountRequest(ctx)))
    .digest("hex");

export function prefixSize(ctx: PromptContext, counted: number | null): PrefixSize {
  const req = prefixCountRequest(ctx);
  const tokens = counted ?? tokenBound(JSON.stringify(req.tools) + JSON.stringify(req.system));
  const { minCacheTokens } = modelInfo(ctx.modelId);
  return { tokens, counted: counted !== null, minCacheTokens, cacheable: tokens >= minCacheTokens };
}

/** Asks the API; null when it cannot answer now (no key, offline, rate-limited). */
export async function countPrefixTokens(client: Anthropic, ctx: PromptContext, timeoutMs = 5000): Promise<number | null> {
  try {
    const r = await client.messages.countTokens(prefixCountRequest(ctx), { timeout: timeoutMs });
    return r.input_tokens;
  } catch (err) {
    log.warn(`[llm] count_tokens failed, using the token bound: ${(err as Error).message}`);
    return null;
  }
}
