// Prometheus metrics (prom-client), served to instance admins at /api/metrics: background jobs
// (queue depth per queue and state, read from pg-boss at each scrape; durations per kind and
// outcome), the model (requests, tokens and spend per model), and API latency per route and status.
// Counters live in each process: scrape every process (web and workers) for the whole picture.
import client from "prom-client";

type Holder = { registry?: client.Registry; metrics?: ReturnType<typeof create> };
const holder: Holder = ((globalThis as Record<string, unknown>).__goldsetMetrics ??= {}) as Holder;

function create(registry: client.Registry) {
  const registers = [registry];
  return {
    jobDuration: new client.Histogram({
      name: "goldset_job_duration_seconds",
      help: "Background jobs by kind and outcome",
      labelNames: ["queue", "outcome"],
      buckets: [0.05, 0.25, 1, 5, 30, 120, 600, 3600],
      registers,
    }),
    llmRequests: new client.Counter({
      name: "goldset_llm_requests_total",
      help: "Messages API requests by model and outcome (ok, or the error kind)",
      labelNames: ["model", "outcome"],
      registers,
    }),
    llmTokens: new client.Counter({
      name: "goldset_llm_tokens_total",
      help: "Tokens by model and kind (input, output, cache_read, cache_write)",
      labelNames: ["model", "kind"],
      registers,
    }),
    llmSpend: new client.Counter({
      name: "goldset_llm_spend_usd_total",
      help: "Estimated spend in US dollars by model (list prices, batch discount applied)",
      labelNames: ["model"],
      registers,
    }),
    httpDuration: new client.Histogram({
      name: "goldset_http_request_duration_seconds",
      help: "REST API requests by method, route and status",
      labelNames: ["method", "route", "status"],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
      registers,
    }),
  };
}

export function registry(): client.Registry {
  if (!holder.registry) {
    holder.registry = new client.Registry();
    client.collectDefaultMetrics({ register: holder.registry, prefix: "goldset_" });
    holder.metrics = create(holder.registry);
  }
  return holder.registry;
}

export function metrics() {
  registry();
  return holder.metrics!;
}

export type TokenUsage = { inputTokens: number; outputTokens: number; cacheReadTokens: number; cacheWriteTokens: number };

/** One answered request (or one batch result): its tokens and what it cost. */
export function countLlmAnswer(model: string, usage: TokenUsage, costUsd: number) {
  const m = metrics();
  m.llmRequests.inc({ model, outcome: "ok" });
  m.llmTokens.inc({ model, kind: "input" }, usage.inputTokens);
  m.llmTokens.inc({ model, kind: "output" }, usage.outputTokens);
  m.llmTokens.inc({ model, kind: "cache_read" }, usage.cacheReadTokens);
  m.llmTokens.inc({ model, kind: "cache_write" }, usage.cacheWriteTokens);
  m.llmSpend.inc({ model }, costUsd);
}

export const countLlmFailure = (model: string, kind: string) => metrics().llmRequests.inc({ model, outcome: kind });
