// Prompt caching as the API does it. A request's cache breakpoints (cache_control on a tool, a
// system block or a message block, in that order: tools, then system, then messages) each end a
// prefix. A prefix shorter than the model's minimum is never cached (the request still succeeds,
// with no cache entry). An entry can be read only once the request that wrote it has been
// answered: requests sent at the same time as the first one all miss and all pay the write.
// Entries live CACHE_TTL_MS from their last use.
import crypto from "node:crypto";
import { CACHE_TTL_MS } from "@/lib/testing/fake-anthropic/models";

type Entry = { readyAt: number; expiresAt: number };
export type CacheUse = { read: number; write: number };

export class PromptCache {
  private entries = new Map<string, Entry>();

  /**
   * `prefixes`: each breakpoint's prefix as (text to key it, its tokens), shortest first.
   * Reads the longest prefix that is ready, and writes up to the longest breakpoint that is long enough.
   */
  use(model: string, prefixes: { key: string; tokens: number }[], minTokens: number, now: number, answerAfterMs: number): CacheUse {
    const eligible = prefixes.filter((p) => p.tokens >= minTokens);
    if (!eligible.length) return { read: 0, write: 0 };
    const keyOf = (p: { key: string }) => crypto.createHash("sha256").update(`${model}\n${p.key}`).digest("hex");
    let read = 0;
    for (const p of eligible) {
      const e = this.entries.get(keyOf(p));
      if (e && e.readyAt <= now && e.expiresAt > now) {
        read = p.tokens;
        e.expiresAt = now + CACHE_TTL_MS;
      }
    }
    const longest = eligible[eligible.length - 1];
    const write = longest.tokens - read;
    if (write > 0) {
      for (const p of eligible.filter((x) => x.tokens > read)) {
        const k = keyOf(p);
        const e = this.entries.get(k);
        if (!e || e.expiresAt <= now) this.entries.set(k, { readyAt: now + answerAfterMs, expiresAt: now + answerAfterMs + CACHE_TTL_MS });
      }
    }
    return { read, write };
  }

  clear() {
    this.entries.clear();
  }
}
