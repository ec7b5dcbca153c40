// One Messages API call with retries: exponential backoff with jitter that honours retry-after,
// for the errors worth retrying (429, 529, 5xx, timeouts, dropped connections). Errors that no
// retry can fix end the call at once: a spend limit or a refused key (the caller stops its run),
// a bad request (the sample fails with the reason).
import type Anthropic from "@anthropic-ai/sdk";
import { backoffMs, toLlmError, type LlmError } from "@/lib/llm/client";
import { costUsd, usageOf } from "@/lib/llm/pricing";
import { countLlmAnswer, countLlmFailure } from "@/lib/observability/metrics";

/** An answered message (direct, or one result of a batch) in the metrics: its tokens and cost. */
export function countAnswer(message: Anthropic.Message, opts: { batch?: boolean } = {}) {
  const usage = usageOf(message);
  countLlmAnswer(message.model, usage, costUsd(message.model, usage, opts));
}

const MAX_ATTEMPTS = 6;

export type CallHooks = {
  /** After each 429, so concurrency can come down. */
  onRateLimited?: () => void;
  onSuccess?: () => void;
  /** After every failed attempt. A timed-out request may still have been answered, and billed: the hook can record that. */
  onError?: (err: LlmError) => void;
  /** Before a retry goes out; may refuse it (a budget, a stop) by throwing. */
  beforeRetry?: (err: LlmError) => Promise<void>;
};

export async function callWithRetries(
  client: Anthropic,
  req: Anthropic.MessageCreateParamsNonStreaming,
  hooks: CallHooks = {},
): Promise<{ message: Anthropic.Message; latencyMs: number }> {
  for (let attempt = 0; ; attempt++) {
    const t0 = performance.now();
    try {
      const message = await client.messages.create(req);
      countAnswer(message);
      hooks.onSuccess?.();
      return { message, latencyMs: Math.round(performance.now() - t0) };
    } catch (raw) {
      const err = toLlmError(raw);
      countLlmFailure(req.model, err.kind);
      hooks.onError?.(err);
      if (!err.retryable || attempt + 1 >= MAX_ATTEMPTS) throw err;
      if (err.kind === "rate_limit") hooks.onRateLimited?.();
      await new Promise((r) => setTimeout(r, backoffMs(attempt, err)));
      await hooks.beforeRetry?.(err);
    }
  }
}
