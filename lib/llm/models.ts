// The models Goldset can call: prices in US dollars per million tokens, the minimum prompt
// length the API will cache for each (shorter prefixes are sent unmarked: the API would not cache
// them anyway), and whether strict tool use is available. The one table to update when Anthropic
// changes prices or ships a model (README, "Model prices"); sources: the pricing, prompt caching
// and structured outputs pages of the Anthropic docs, read 2026-11.
export type ModelInfo = { input: number; output: number; minCacheTokens: number; strictTools: boolean; endOfLife?: string };

export const MODELS: Record<string, ModelInfo> = {
  "claude-haiku-4-5": { input: 1, output: 5, minCacheTokens: 4096, strictTools: true },
  // The docs disagree between 1,024 and 2,048 for Sonnet 4.6: the higher is what we can count on.
  "claude-sonnet-4-6": { input: 3, output: 15, minCacheTokens: 2048, strictTools: true },
  // Older models: prompt versions that use them still run (the last two without strict tool use;
  // zod still checks every answer); new versions cannot choose them.
  "claude-sonnet-4-5": { input: 3, output: 15, minCacheTokens: 1024, strictTools: true, endOfLife: "2026-11-30" },
  "claude-opus-4-1": { input: 15, output: 75, minCacheTokens: 1024, strictTools: false },
  "claude-3-5-haiku-latest": { input: 0.8, output: 4, minCacheTokens: 2048, strictTools: false },
};

export const DEFAULT_MODEL = "claude-haiku-4-5";

/** The models a new prompt version may use: strict tool use, and not at the end of their life. */
export const SELECTABLE_MODELS = Object.keys(MODELS).filter((m) => MODELS[m].strictTools && !MODELS[m].endOfLife);

export function modelInfo(model: string): ModelInfo {
  const m = MODELS[model];
  if (!m) throw new Error(`Unknown model "${model}": add it to MODELS in lib/llm/models.ts.`);
  return m;
}
