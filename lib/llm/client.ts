// The Anthropic client and its errors, mapped to what a run does about them. The SDK's own
// retries are off: runs retry themselves so they can honour retry-after and slow down on 429s.
import Anthropic from "@anthropic-ai/sdk";
import { env } from "@/lib/env";

export type LlmErrorKind = "rate_limit" | "overloaded" | "server" | "timeout" | "connection" | "spend_limit" | "auth" | "bad_request";

export class LlmError extends Error {
  constructor(
    readonly kind: LlmErrorKind,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
  /** No request can succeed until a person acts: the run stops. */
  get fatal() {
    return this.kind === "spend_limit" || this.kind === "auth";
  }
  get retryable() {
    return ["rate_limit", "overloaded", "server", "timeout", "connection"].includes(this.kind);
  }
}

export function llmConfigured(): boolean {
  return Boolean(env().llm.apiKey);
}

export function llmClient(): Anthropic {
  const { apiKey, baseUrl, timeoutMs } = env().llm;
  if (!apiKey) throw new LlmError("auth", "ANTHROPIC_API_KEY is not set.");
  return new Anthropic({ apiKey, baseURL: baseUrl, maxRetries: 0, timeout: timeoutMs });
}

function retryAfter(headers: Headers | Record<string, string> | undefined): number | undefined {
  const get = (k: string) => (headers instanceof Headers ? headers.get(k) : headers?.[k]) ?? null;
  const ms = Number(get("retry-after-ms"));
  if (ms > 0) return ms;
  const s = get("retry-after");
  if (!s) return undefined;
  const secs = Number(s);
  if (Number.isFinite(secs)) return secs * 1000;
  const at = Date.parse(s);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

export function toLlmError(err: unknown): LlmError {
  if (err instanceof LlmError) return err;
  if (err instanceof Anthropic.APIConnectionTimeoutError) return new LlmError("timeout", "The request timed out.");
  if (err instanceof Anthropic.APIConnectionError) return new LlmError("connection", `Connection failed: ${err.message}`);
  if (err instanceof Anthropic.APIError) {
    const body = err.error as { error?: { type?: string; message?: string } } | undefined;
    const type = body?.error?.type ?? "";
    const message = body?.error?.message ?? err.message;
    if (type === "billing_error" || /credit balance|spend limit|billing/i.test(message)) return new LlmError("spend_limit", message);
    if (err.status === 429) return new LlmError("rate_limit", message, retryAfter(err.headers as Headers));
    if (err.status === 529 || type === "overloaded_error") return new LlmError("overloaded", message, retryAfter(err.headers as Headers));
    if (err.status === 401 || err.status === 403) return new LlmError("auth", message);
    if ((err.status ?? 0) >= 500) return new LlmError("server", message, retryAfter(err.headers as Headers));
    return new LlmError("bad_request", message);
  }
  return new LlmError("connection", (err as Error)?.message ?? String(err));
}

/** Exponential backoff with full jitter, at least what the server asked for. */
export function backoffMs(attempt: number, err: LlmError, baseMs = 500, capMs = 30_000): number {
  const exp = Math.min(capMs, baseMs * 2 ** attempt);
  const jittered = exp / 2 + Math.random() * (exp / 2);
  return Math.max(jittered, err.retryAfterMs ?? 0);
}
