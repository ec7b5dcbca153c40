// A fake Anthropic API for tests, e2e and benchmarks: the app uses it only when
// ANTHROPIC_BASE_URL points at it. Run it alone with `npm run fake-llm` (FAKE_LLM_PORT=4010).
//
// POST /v1/messages (tool use), POST /v1/messages/count_tokens, and Message Batches (create,
// retrieve, results as JSONL, cancel). It holds requests to what the real API enforces (each rule
// is pinned by fake-anthropic.test.ts): known models, strict tool schemas, at most 4 cache
// breakpoints, body and batch size limits, unique custom_ids; it caches a prefix only when it is
// as long as the model's minimum and only once the request that wrote it has been answered; a
// batch ends after `batchDelayMs` and a cancelled one ends with its unprocessed requests
// "canceled". Faults are injected at random by rate.
import http from "node:http";
import crypto from "node:crypto";
import type { AddressInfo } from "node:net";
import { fakeAnswer, hash01, itemTextOf, textOf, type HiddenRule, type MessageParams } from "@/lib/testing/fake-anthropic/answer";
import { FAKE_MODELS, REQUEST_LIMITS } from "@/lib/testing/fake-anthropic/models";
import { PromptCache } from "@/lib/testing/fake-anthropic/prompt-cache";
import { fakeTokenCount } from "@/lib/testing/fake-anthropic/tokenizer";
import { apiError, promptBlocks, validateMessage, type ApiError } from "@/lib/testing/fake-anthropic/validate";
import { imageBlocksOf, seeImages, type Seen } from "@/lib/testing/fake-anthropic/vision";
import { systemClock, type Clock } from "@/lib/testing/clock";

export type FakeFaults = {
  rate429?: number;
  rate529?: number;
  rate500?: number;
  /** Never answers (until the client gives up). */
  stall?: number;
  /** Closes the connection without an answer. */
  drop?: number;
  /** tool_use input that is not valid for the schema (only without strict tool use, which rules it out). */
  malformed?: number;
  /** A label outside the enum (only without strict tool use). */
  outOfEnum?: number;
  refusal?: number;
  maxTokens?: number;
  /** 400 billing error, as when the organization's spend limit is reached. */
  spendLimit?: number;
};

export type FakeConfig = {
  accuracy: number;
  latencyMs: number;
  retryAfterSeconds: number;
  faults: FakeFaults;
  /** Delay before a submitted batch has ended. */
  batchDelayMs: number;
  /** Where the fake reads the time (batches, the prompt cache): a ManualClock lets a test move it. */
  clock: Clock;
  /** Share of batch requests that end as "errored" (the first time they are seen). */
  batchErrorRate: number;
  /** Pairwise judging: share of pairs on which the judge picks whichever response is shown first. */
  firstShownBias?: number;
  /** A prompt-sensitive annotator: rules people apply that it misses unless the prompt states them (answer.ts). */
  hiddenRules?: HiddenRule[];
  /** The proposer answers with a revision that changes nothing that matters (a candidate no better in truth). */
  uselessProposer?: boolean;
};

/** `requests`: every HTTP request; `messages`: POST /v1/messages only (what is billed). */
export type FakeStats = {
  requests: number;
  messages: number;
  byStatus: Record<string, number>;
  batchesCreated: number;
  batchesCanceled: number;
  countTokens: number;
};

type BatchRequest = { custom_id: string; params: MessageParams };
type Batch = { created: number; requests: BatchRequest[]; results?: string; ended?: number; cancelAt?: number };
type Reply = { status: number; body: unknown; headers?: Record<string, string> };

const DEFAULTS: FakeConfig = { accuracy: 1, latencyMs: 0, retryAfterSeconds: 1, faults: {}, batchDelayMs: 200, batchErrorRate: 0, clock: systemClock };
/** A cancelled batch takes this long to stop ("canceling", then "ended"). */
const CANCEL_MS = 50;

export class FakeAnthropic {
  config: FakeConfig;
  stats: FakeStats = { requests: 0, messages: 0, byStatus: {}, batchesCreated: 0, batchesCanceled: 0, countTokens: 0 };
  /** The item text of the latest answered messages (direct and in batches), oldest first, for tests to read what was asked. */
  log: string[] = [];
  /** The user message of every proposal request (lib/alignment/proposer.ts), for leak checks. */
  proposalRequests: string[] = [];
  private server: http.Server;
  private cache = new PromptCache();
  private sampled = new Map<string, number>();
  /** What each image the fake was sent shows, by its base64 data (lib/testing/fake-anthropic/vision.ts). */
  private seen = new Map<string, Seen>();
  private batches = new Map<string, Batch>();
  private erroredOnce = new Set<string>();
  private sockets = new Set<import("node:net").Socket>();
  url = "";

  constructor(config: Partial<FakeConfig> = {}) {
    this.config = { ...DEFAULTS, ...config, faults: { ...DEFAULTS.faults, ...config.faults } };
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.on("connection", (s) => {
      this.sockets.add(s);
      s.on("close", () => this.sockets.delete(s));
    });
  }

  async start(port = 0): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(port, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Forgets the prompt cache and the sampling history: the next requests answer as if new. */
  reset() {
    this.cache.clear();
    this.sampled.clear();
  }

  /** The requests of a batch, as submitted (for tests). */
  batchRequests(id: string): BatchRequest[] {
    return this.batches.get(id)?.requests ?? [];
  }

  /** One model call: the same logic serves /v1/messages and each batch request. */
  message(p: MessageParams, opts: { batch?: boolean } = {}): Reply {
    const invalid = validateMessage(p);
    if (invalid) return invalid;
    const f = this.config.faults;
    const roll = Math.random();
    let edge = 0;
    const hit = (rate = 0) => roll >= edge && roll < (edge += rate);
    if (!opts.batch) {
      if (hit(f.spendLimit))
        return apiError(
          400,
          "invalid_request_error",
          "Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.",
        );
      if (hit(f.rate429))
        return {
          ...apiError(429, "rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit"),
          headers: { "retry-after": String(this.config.retryAfterSeconds) },
        };
      if (hit(f.rate529)) return apiError(529, "overloaded_error", "Overloaded");
      if (hit(f.rate500)) return apiError(500, "api_error", "Internal server error");
    }
    const usage = this.usage(p, opts.batch ? 0 : this.config.latencyMs);
    const strict = p.tools?.some((t) => t.strict) ?? false;
    const toolName = p.tool_choice?.name ?? p.tools?.[0]?.name ?? "answer";
    let stop = "tool_use";
    let content: unknown[];
    if (hit(f.refusal)) {
      stop = "refusal";
      content = [{ type: "text", text: "I can't help with that." }];
    } else if (hit(f.maxTokens)) {
      stop = "max_tokens";
      content = [{ type: "tool_use", id: `toolu_${crypto.randomUUID()}`, name: toolName, input: {} }];
    } else {
      const colours = imageBlocksOf(p).map((b) => this.seen.get(b.source?.data ?? "")?.colour ?? "");
      let out = fakeAnswer(
        p,
        this.config.accuracy,
        this.occurrence(p),
        this.config.firstShownBias ?? 0,
        this.config.hiddenRules,
        this.config.uselessProposer,
        colours.join(" "),
      );
      if (p.tools?.[0]?.name === "propose_revision") this.proposalRequests.push(textOf(p.messages![p.messages!.length - 1].content));
      else this.log.push(itemTextOf(p));
      if (this.log.length > 10_000) this.log.splice(0, this.log.length - 10_000);
      if (!strict && hit(f.malformed)) out = { unexpected: true };
      else if (!strict && hit(f.outOfEnum)) out = { ...out, label: "definitely-not-a-label", labels: ["definitely-not-a-label"] };
      content = [{ type: "tool_use", id: `toolu_${crypto.randomUUID()}`, name: toolName, input: out }];
    }
    return {
      status: 200,
      body: {
        id: `msg_${crypto.randomUUID().replace(/-/g, "")}`,
        type: "message",
        role: "assistant",
        model: p.model,
        content,
        stop_reason: stop,
        stop_sequence: null,
        usage: { ...usage, output_tokens: fakeTokenCount(JSON.stringify(content)) },
      },
    };
  }

  /** Input tokens, split into read from the cache, written to it, and the rest. */
  private usage(p: MessageParams, answerAfterMs: number) {
    const blocks = promptBlocks(p);
    const prefixes: { key: string; tokens: number }[] = [];
    let tokens = 0;
    let key = "";
    for (const b of blocks) {
      tokens += this.tokensOf(b.text);
      key += `${b.text}\u0000`;
      if (b.breakpoint) prefixes.push({ key, tokens });
    }
    for (const image of imageBlocksOf(p)) tokens += this.seen.get(image.source?.data ?? "")?.tokens ?? 0;
    const { read, write } = this.cache.use(p.model as string, prefixes, FAKE_MODELS[p.model as string].minCacheTokens, this.config.clock.now(), answerAfterMs);
    return { input_tokens: tokens - read - write, cache_creation_input_tokens: write, cache_read_input_tokens: read };
  }

  // The tool and the system text repeat in every request of a run: counted once.
  private tokenCounts = new Map<string, number>();
  private tokensOf(text: string): number {
    let n = this.tokenCounts.get(text);
    if (n === undefined) {
      n = fakeTokenCount(text);
      if (text.length > 500 && this.tokenCounts.size < 1000) this.tokenCounts.set(text, n);
    }
    return n;
  }

  /** How many times this same request was answered before (only sampling at temperature > 0 needs it). */
  private occurrence(p: MessageParams): number {
    if (!p.temperature) return 0;
    const key = crypto
      .createHash("sha256")
      .update(JSON.stringify([p.model, p.system, p.tools, p.messages, p.temperature]))
      .digest("hex");
    const n = this.sampled.get(key) ?? 0;
    this.sampled.set(key, n + 1);
    return n;
  }

  private batchView(id: string) {
    const b = this.batches.get(id)!;
    const now = this.config.clock.now();
    const endsAt = b.cancelAt !== undefined ? Math.min(b.created + this.config.batchDelayMs, b.cancelAt + CANCEL_MS) : b.created + this.config.batchDelayMs;
    if (now >= endsAt && !b.results) {
      b.ended = now;
      const canceled = b.cancelAt !== undefined && b.cancelAt + CANCEL_MS < b.created + this.config.batchDelayMs;
      b.results = b.requests
        .map((r) => JSON.stringify({ custom_id: r.custom_id, result: canceled ? { type: "canceled" } : this.batchResult(id, r) }))
        .join("\n");
    }
    const results = b.results ? b.results.split("\n").map((l) => JSON.parse(l).result.type as string) : [];
    const count = (t: string) => results.filter((r) => r === t).length;
    return {
      id,
      type: "message_batch",
      processing_status: b.results ? "ended" : b.cancelAt !== undefined ? "canceling" : "in_progress",
      request_counts: {
        processing: b.results ? 0 : b.requests.length,
        succeeded: count("succeeded"),
        errored: count("errored"),
        canceled: count("canceled"),
        expired: count("expired"),
      },
      created_at: new Date(b.created).toISOString(),
      ended_at: b.ended ? new Date(b.ended).toISOString() : null,
      expires_at: new Date(b.created + 24 * 3600 * 1000).toISOString(),
      cancel_initiated_at: b.cancelAt !== undefined ? new Date(b.cancelAt).toISOString() : null,
      archived_at: null,
      results_url: b.results ? `${this.url}/v1/messages/batches/${id}/results` : null,
    };
  }

  private batchResult(id: string, r: BatchRequest) {
    const key = `${id}:${r.custom_id}`;
    if (this.config.batchErrorRate && !this.erroredOnce.has(r.custom_id) && hash01(key) < this.config.batchErrorRate) {
      this.erroredOnce.add(r.custom_id);
      return { type: "errored", error: { type: "error", error: { type: "api_error", message: "Internal server error" } } };
    }
    if (imageBlocksOf(r.params).some((b) => !this.seen.has(b.source?.data ?? "")))
      return { type: "errored", error: { type: "error", error: { type: "invalid_request_error", message: "Could not process image" } } };
    const m = this.message(r.params, { batch: true });
    return m.status === 200 ? { type: "succeeded", message: m.body } : { type: "errored", error: m.body };
  }

  private createBatch(body: { requests?: BatchRequest[] }): Reply {
    const requests = body.requests;
    if (!Array.isArray(requests) || !requests.length) return apiError(400, "invalid_request_error", "requests: at least one request is required");
    if (requests.length > REQUEST_LIMITS.batchRequests)
      return apiError(400, "invalid_request_error", `requests: a batch may hold at most ${REQUEST_LIMITS.batchRequests} requests, got ${requests.length}`);
    const seen = new Set<string>();
    for (const [i, r] of requests.entries()) {
      if (!/^[a-zA-Z0-9_-]{1,64}$/.test(r.custom_id ?? ""))
        return apiError(400, "invalid_request_error", `requests.${i}.custom_id: String should match pattern '^[a-zA-Z0-9_-]{1,64}$'`);
      if (seen.has(r.custom_id))
        return apiError(400, "invalid_request_error", `requests.${i}.custom_id: custom_id '${r.custom_id}' is not unique in this batch`);
      seen.add(r.custom_id);
      const invalid = validateMessage(r.params ?? {});
      if (invalid)
        return { ...invalid, body: { ...invalid.body, error: { ...invalid.body.error, message: `requests.${i}.params.${invalid.body.error.message}` } } };
    }
    const id = `msgbatch_${crypto.randomUUID().replace(/-/g, "")}`;
    this.batches.set(id, { created: this.config.clock.now(), requests });
    this.stats.batchesCreated++;
    return { status: 200, body: this.batchView(id) };
  }

  private cancelBatch(id: string): Reply {
    const b = this.batches.get(id)!;
    if (this.batchView(id).processing_status === "ended") return apiError(400, "invalid_request_error", `Batch ${id} has already ended and cannot be canceled`);
    if (b.cancelAt === undefined) {
      b.cancelAt = this.config.clock.now();
      this.stats.batchesCanceled++;
    }
    return { status: 200, body: this.batchView(id) };
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      this.stats.byStatus[status] = (this.stats.byStatus[status] ?? 0) + 1;
      res.writeHead(status, { "content-type": "application/json", "request-id": `req_${crypto.randomUUID()}`, ...headers });
      res.end(typeof body === "string" ? body : JSON.stringify(body));
    };
    const reply = (r: Reply | ApiError) => send(r.status, r.body, r.headers);
    this.stats.requests++;
    const url = new URL(req.url ?? "/", "http://x");
    const path = url.pathname;
    const limit = path === "/v1/messages/batches" ? REQUEST_LIMITS.batchBytes : REQUEST_LIMITS.messagesBytes;
    const chunks: Buffer[] = [];
    let bytes = 0;
    for await (const c of req) {
      bytes += (c as Buffer).length;
      if (bytes > limit) {
        res.setHeader("connection", "close");
        return reply(apiError(413, "request_too_large", `Request exceeds the maximum allowed number of bytes (${limit}).`));
      }
      chunks.push(c as Buffer);
    }
    const auth = req.headers["x-api-key"] ?? req.headers.authorization;
    if (!auth) return reply(apiError(401, "authentication_error", "x-api-key header is required"));
    let body: MessageParams & { requests?: BatchRequest[] } = {};
    if (chunks.length) {
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        return reply(apiError(400, "invalid_request_error", "Request body is not valid JSON"));
      }
    }

    if (req.method === "POST" && path === "/v1/messages") {
      this.stats.messages++;
      const f = this.config.faults;
      const roll = Math.random();
      if (roll < (f.stall ?? 0)) return; // the client's timeout has to deal with it
      if (roll < (f.stall ?? 0) + (f.drop ?? 0)) return req.socket.destroy();
      const unseeable = await seeImages(body, this.seen);
      if (unseeable) return reply(unseeable);
      const answer = this.message(body); // the answer (and its cache use) is decided on arrival
      if (this.config.latencyMs) await new Promise((r) => setTimeout(r, this.config.latencyMs));
      return reply(answer);
    }
    if (req.method === "POST" && path === "/v1/messages/count_tokens") {
      const invalid = validateMessage(body, { countOnly: true });
      if (invalid) return reply(invalid);
      this.stats.countTokens++;
      const unseeable = await seeImages(body, this.seen);
      if (unseeable) return reply(unseeable);
      const images = imageBlocksOf(body).reduce((n, b) => n + (this.seen.get(b.source?.data ?? "")?.tokens ?? 0), 0);
      const tokens = images + promptBlocks(body).reduce((n, b) => n + this.tokensOf(b.text), 0);
      return send(200, { input_tokens: tokens });
    }
    if (req.method === "POST" && path === "/v1/messages/batches") {
      // Images are looked at on arrival; one the API would refuse fails its own request when the batch ends.
      for (const r of (body as { requests?: { params?: MessageParams }[] }).requests ?? []) if (r?.params) await seeImages(r.params, this.seen);
      return reply(this.createBatch(body));
    }
    const m = /^\/v1\/messages\/batches\/([\w-]+)(\/results|\/cancel)?$/.exec(path);
    if (m && !this.batches.has(m[1])) return reply(apiError(404, "not_found_error", `No batch with id ${m[1]}`));
    if (req.method === "POST" && m?.[2] === "/cancel") return reply(this.cancelBatch(m[1]));
    if (req.method === "GET" && m) {
      const view = this.batchView(m[1]);
      if (!m[2]) return send(200, view);
      if (view.processing_status !== "ended") return reply(apiError(400, "invalid_request_error", "Batch has not ended yet"));
      res.writeHead(200, { "content-type": "application/x-jsonl" });
      return res.end(this.batches.get(m[1])!.results + "\n");
    }
    return reply(apiError(404, "not_found_error", `Not found: ${req.method} ${path}`));
  }
}
