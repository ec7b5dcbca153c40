// The models the fake knows, with what the docs say about each (read 2026-11): the minimum
// cacheable prompt length (prompt caching: "Cache limitations") and whether strict tool use is
// available (structured outputs: generally available on Opus 4.6/4.5, Sonnet 4.6/4.5, Haiku 4.5).
// Kept apart from the app's table (lib/llm/models.ts) on purpose: this one stands for the API,
// and lib/llm/models.test.ts checks the two agree.
export const FAKE_MODELS: Record<string, { minCacheTokens: number; strictTools: boolean }> = {
  "claude-opus-4-6": { minCacheTokens: 4096, strictTools: true },
  "claude-opus-4-5": { minCacheTokens: 4096, strictTools: true },
  "claude-opus-4-1": { minCacheTokens: 1024, strictTools: false },
  "claude-sonnet-4-6": { minCacheTokens: 2048, strictTools: true },
  "claude-sonnet-4-5": { minCacheTokens: 1024, strictTools: true },
  "claude-haiku-4-5": { minCacheTokens: 4096, strictTools: true },
  "claude-3-5-haiku-latest": { minCacheTokens: 2048, strictTools: false },
};

/** Size limits of the HTTP API (docs: "Request size limits"). */
export const REQUEST_LIMITS = { messagesBytes: 32 * 1024 * 1024, batchBytes: 256 * 1024 * 1024, batchRequests: 100_000, cacheBreakpoints: 4 };

/** The cache lives 5 minutes from its last use (the default TTL). */
export const CACHE_TTL_MS = 5 * 60 * 1000;
