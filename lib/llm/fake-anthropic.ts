// A fake Anthropic API for tests, e2e and benchmarks. The app never uses it unless
// ANTHROPIC_BASE_URL points at it. Run it alone with `npm run fake-llm` (FAKE_LLM_PORT=4010).
//
// Implements POST /v1/messages (forced tool use), POST /v1/messages/count_tokens and the Message
// Batches endpoints (create, retrieve, results as JSONL). It checks the request shape the real
// API requires and answers bad requests with the real error JSON.
//
// Answers are deterministic, driven by a rule on the item text (the text between <item_text> tags
// in the last user message): the answer is the label whose name appears first in the text
// (MULTI_LABEL: every label that appears; SPANS: each occurrence of a label name), else the first
// label. `accuracy` < 1 makes a fixed share of items (by a hash of the text) answer wrongly. An item
// saying `ignore ... instructions ... answer "X"` gets X as its answer, to test that such output
// can never become a suggestion. Faults are injected at random by rate.
import http from "node:http";
import crypto from "node:crypto";
import type { AddressInfo } from "node:net";

export type FakeFaults = {
  rate429?: number;
  rate529?: number;
  rate500?: number;
  /** Never answers (until the client gives up). */
  stall?: number;
  /** Closes the connection without an answer. */
  drop?: number;
  /** tool_use input that is not valid for the schema. */
  malformed?: number;
  /** A label outside the enum. */
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
  /** Share of batch requests that end as "errored" (the first time they are seen). */
  batchErrorRate: number;
};

export type FakeStats = { requests: number; byStatus: Record<string, number>; batchesCreated: number };

type Block = { type: string; text?: string; cache_control?: unknown };
type MessageParams = {
  model?: unknown;
  max_tokens?: unknown;
  messages?: { role: string; content: string | Block[] }[];
  system?: string | Block[];
  tools?: { name: string; input_schema?: { type?: string; properties?: Record<string, unknown> }; cache_control?: unknown }[];
  tool_choice?: { type: string; name?: string };
  temperature?: number;
};

const DEFAULTS: FakeConfig = { accuracy: 1, latencyMs: 0, retryAfterSeconds: 1, faults: {}, batchDelayMs: 200, batchErrorRate: 0 };

const hash01 = (s: string) => crypto.createHash("sha256").update(s).digest().readUInt32BE(0) / 0x100000000;
const tokens = (s: string) => Math.max(1, Math.ceil(s.length / 4));
const textOf = (c: string | Block[] | undefined) => (typeof c === "string" ? c : (c ?? []).map((b) => b.text ?? "").join("\n"));

function apiError(status: number, type: string, message: string) {
  return { status, body: { type: "error", error: { type, message } } };
}

function validate(p: MessageParams): string | null {
  if (typeof p.model !== "string" || !p.model) return "model: Field required";
  if (typeof p.max_tokens !== "number" || !Number.isInteger(p.max_tokens) || p.max_tokens < 1) return "max_tokens: Field required";
  if (!Array.isArray(p.messages) || p.messages.length === 0) return "messages: at least one message is required";
  for (const [i, m] of p.messages.entries()) {
    if (m.role !== "user" && m.role !== "assistant") return `messages.${i}.role: Input should be 'user' or 'assistant'`;
    if (typeof m.content !== "string" && !Array.isArray(m.content)) return `messages.${i}.content: Input should be a valid list`;
  }
  if (p.messages[0].role !== "user") return "messages: first message must use the \"user\" role";
  for (const [i, t] of (p.tools ?? []).entries()) {
    if (!/^[a-zA-Z0-9_-]{1,64}$/.test(t.name ?? "")) return `tools.${i}.name: String should match pattern '^[a-zA-Z0-9_-]{1,64}$'`;
    if (t.input_schema?.type !== "object") return `tools.${i}.input_schema.type: Input should be 'object'`;
  }
  if (p.tool_choice?.type === "tool" && !(p.tools ?? []).some((t) => t.name === p.tool_choice!.name)) {
    return `tool_choice.name: Tool '${p.tool_choice.name}' not found in tools`;
  }
  if (p.temperature !== undefined && (p.temperature < 0 || p.temperature > 1)) return "temperature: Input should be less than or equal to 1";
  return null;
}

/** The labels the tool schema allows, and whether it wants one, many, or spans. */
function schemaShape(p: MessageParams): { kind: "single" | "multi" | "spans"; labels: string[]; rationale: boolean } {
  const props = (p.tools?.[0]?.input_schema?.properties ?? {}) as Record<string, { enum?: string[]; items?: { enum?: string[]; properties?: { label?: { enum?: string[] } } } }>;
  const rationale = "rationale" in props;
  if (props.label?.enum) return { kind: "single", labels: props.label.enum, rationale };
  if (props.labels?.items?.enum) return { kind: "multi", labels: props.labels.items.enum, rationale };
  return { kind: "spans", labels: props.spans?.items?.properties?.label?.enum ?? [], rationale };
}

function answer(p: MessageParams, config: FakeConfig): Record<string, unknown> {
  const last = p.messages![p.messages!.length - 1];
  const full = textOf(last.content);
  const item = /<item_text>\n?([\s\S]*?)\n?<\/item_text>/.exec(full)?.[1] ?? full;
  const { kind, labels, rationale } = schemaShape(p);
  const lower = item.toLowerCase();
  const injected = /ignore\b[\s\S]*instructions[\s\S]*answer\s+"?([\w-]+)"?/i.exec(item)?.[1];
  const wrong = (p.temperature ?? 0) > 0 ? Math.random() > config.accuracy : hash01(item) > config.accuracy;
  const base: Record<string, unknown> = rationale ? { rationale: `The text mentions what it mentions (${item.length} characters).` } : {};
  const confidence = Number((0.55 + 0.45 * hash01(`c:${item}`)).toFixed(3));
  if (kind === "single") {
    const found = labels.filter((l) => lower.includes(l.toLowerCase())).sort((a, b) => lower.indexOf(a.toLowerCase()) - lower.indexOf(b.toLowerCase()));
    let label = injected ?? found[0] ?? labels[0];
    if (wrong && !injected && labels.length > 1) label = labels[(labels.indexOf(label) + 1) % labels.length];
    return { ...base, label, confidence };
  }
  if (kind === "multi") {
    let chosen = labels.filter((l) => lower.includes(l.toLowerCase()));
    if (wrong && labels.length) chosen = chosen.includes(labels[0]) ? chosen.filter((l) => l !== labels[0]) : [...chosen, labels[0]];
    return { ...base, labels: injected ? [injected] : chosen, confidence };
  }
  const spans: { label: string; start: number; end: number; text: string }[] = [];
  for (const l of labels) {
    for (let at = lower.indexOf(l.toLowerCase()); at !== -1; at = lower.indexOf(l.toLowerCase(), at + 1)) {
      spans.push({ label: l, start: at, end: at + l.length, text: item.slice(at, at + l.length) });
    }
  }
  if (wrong && spans.length) spans.pop();
  return { ...base, spans: injected ? [{ label: injected, start: 0, end: 1, text: item.slice(0, 1) }] : spans, confidence };
}

export class FakeAnthropic {
  config: FakeConfig;
  stats: FakeStats = { requests: 0, byStatus: {}, batchesCreated: 0 };
  private server: http.Server;
  private cachedPrefixes = new Set<string>();
  private batches = new Map<string, { created: number; requests: { custom_id: string; params: MessageParams }[]; results?: string; ended?: number }>();
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

  /** One model call: the same logic serves /v1/messages and each batch request. */
  message(p: MessageParams, opts: { batch?: boolean } = {}): { status: number; body: unknown; headers?: Record<string, string> } {
    const invalid = validate(p);
    if (invalid) return apiError(400, "invalid_request_error", invalid);
    const f = this.config.faults;
    const roll = Math.random();
    let edge = 0;
    const hit = (rate = 0) => roll >= edge && roll < (edge += rate);
    if (!opts.batch) {
      if (hit(f.spendLimit)) return apiError(400, "invalid_request_error", "Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.");
      if (hit(f.rate429)) return { ...apiError(429, "rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit"), headers: { "retry-after": String(this.config.retryAfterSeconds) } };
      if (hit(f.rate529)) return apiError(529, "overloaded_error", "Overloaded");
      if (hit(f.rate500)) return apiError(500, "api_error", "Internal server error");
    }
    // Prompt caching: blocks up to the last cache_control breakpoint form the cached prefix.
    const sys = typeof p.system === "string" ? [{ type: "text", text: p.system }] : (p.system ?? []);
    const cachedIdx = sys.map((b, i) => (b.cache_control ? i : -1)).filter((i) => i >= 0).pop() ?? -1;
    const prefix = [JSON.stringify(p.tools ?? []), ...sys.slice(0, cachedIdx + 1).map((b) => b.text ?? "")].join("\n");
    const rest = [...sys.slice(cachedIdx + 1).map((b) => b.text ?? ""), ...p.messages!.map((m) => textOf(m.content))].join("\n");
    const key = crypto.createHash("sha256").update(`${p.model}\n${prefix}`).digest("hex");
    let cacheRead = 0;
    let cacheWrite = 0;
    let input = tokens(rest);
    if (cachedIdx >= 0) {
      if (this.cachedPrefixes.has(key)) cacheRead = tokens(prefix);
      else {
        cacheWrite = tokens(prefix);
        this.cachedPrefixes.add(key);
      }
    } else input += tokens(prefix);

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
      let out = answer(p, this.config);
      if (hit(f.malformed)) out = { unexpected: true };
      else if (hit(f.outOfEnum)) out = { ...out, label: "definitely-not-a-label", labels: ["definitely-not-a-label"] };
      content = [{ type: "tool_use", id: `toolu_${crypto.randomUUID()}`, name: toolName, input: out }];
    }
    const output = tokens(JSON.stringify(content));
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
        usage: { input_tokens: input, output_tokens: output, cache_creation_input_tokens: cacheWrite, cache_read_input_tokens: cacheRead },
      },
    };
  }

  private batchView(id: string) {
    const b = this.batches.get(id)!;
    const ended = Date.now() - b.created >= this.config.batchDelayMs;
    if (ended && !b.results) {
      b.ended = Date.now();
      b.results = b.requests
        .map((r) => {
          const key = `${id}:${r.custom_id}`;
          if (this.config.batchErrorRate && !this.erroredOnce.has(r.custom_id) && hash01(key) < this.config.batchErrorRate) {
            this.erroredOnce.add(r.custom_id);
            return { custom_id: r.custom_id, result: { type: "errored", error: { type: "error", error: { type: "api_error", message: "Internal server error" } } } };
          }
          const m = this.message(r.params, { batch: true });
          return m.status === 200
            ? { custom_id: r.custom_id, result: { type: "succeeded", message: m.body } }
            : { custom_id: r.custom_id, result: { type: "errored", error: m.body } };
        })
        .map((l) => JSON.stringify(l))
        .join("\n");
    }
    const results = b.results ? b.results.split("\n").map((l) => JSON.parse(l).result.type as string) : [];
    const count = (t: string) => results.filter((r) => r === t).length;
    return {
      id,
      type: "message_batch",
      processing_status: b.results ? "ended" : "in_progress",
      request_counts: { processing: b.results ? 0 : b.requests.length, succeeded: count("succeeded"), errored: count("errored"), canceled: 0, expired: count("expired") },
      created_at: new Date(b.created).toISOString(),
      ended_at: b.ended ? new Date(b.ended).toISOString() : null,
      expires_at: new Date(b.created + 24 * 3600 * 1000).toISOString(),
      cancel_initiated_at: null,
      archived_at: null,
      results_url: b.results ? `${this.url}/v1/messages/batches/${id}/results` : null,
    };
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      this.stats.byStatus[status] = (this.stats.byStatus[status] ?? 0) + 1;
      res.writeHead(status, { "content-type": "application/json", "request-id": `req_${crypto.randomUUID()}`, ...headers });
      res.end(typeof body === "string" ? body : JSON.stringify(body));
    };
    this.stats.requests++;
    const auth = req.headers["x-api-key"] ?? req.headers.authorization;
    if (!auth) return send(401, apiError(401, "authentication_error", "x-api-key header is required").body);
    let body: MessageParams & { requests?: { custom_id: string; params: MessageParams }[] } = {};
    if (chunks.length) {
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        return send(400, apiError(400, "invalid_request_error", "Request body is not valid JSON").body);
      }
    }
    const url = new URL(req.url ?? "/", "http://x");
    const path = url.pathname;

    if (req.method === "POST" && path === "/v1/messages") {
      const f = this.config.faults;
      const roll = Math.random();
      if (roll < (f.stall ?? 0)) return; // the client's timeout has to deal with it
      if (roll < (f.stall ?? 0) + (f.drop ?? 0)) return req.socket.destroy();
      if (this.config.latencyMs) await new Promise((r) => setTimeout(r, this.config.latencyMs));
      const r = this.message(body);
      return send(r.status, r.body, r.headers);
    }
    if (req.method === "POST" && path === "/v1/messages/count_tokens") {
      const invalid = validate({ ...body, max_tokens: 1 });
      if (invalid) return send(400, apiError(400, "invalid_request_error", invalid).body);
      const all = [typeof body.system === "string" ? body.system : textOf(body.system), JSON.stringify(body.tools ?? []), ...(body.messages ?? []).map((m) => textOf(m.content))].join("\n");
      return send(200, { input_tokens: tokens(all) });
    }
    if (req.method === "POST" && path === "/v1/messages/batches") {
      if (!Array.isArray(body.requests) || !body.requests.length) return send(400, apiError(400, "invalid_request_error", "requests: at least one request is required").body);
      for (const [i, r] of body.requests.entries()) {
        if (!/^[a-zA-Z0-9_-]{1,64}$/.test(r.custom_id ?? "")) return send(400, apiError(400, "invalid_request_error", `requests.${i}.custom_id: String should match pattern '^[a-zA-Z0-9_-]{1,64}$'`).body);
        const invalid = validate(r.params ?? {});
        if (invalid) return send(400, apiError(400, "invalid_request_error", `requests.${i}.params.${invalid}`).body);
      }
      const id = `msgbatch_${crypto.randomUUID().replace(/-/g, "")}`;
      this.batches.set(id, { created: Date.now(), requests: body.requests });
      this.stats.batchesCreated++;
      return send(200, this.batchView(id));
    }
    const m = /^\/v1\/messages\/batches\/([\w-]+)(\/results)?$/.exec(path);
    if (req.method === "GET" && m) {
      if (!this.batches.has(m[1])) return send(404, apiError(404, "not_found_error", `No batch with id ${m[1]}`).body);
      const view = this.batchView(m[1]);
      if (!m[2]) return send(200, view);
      if (view.processing_status !== "ended") return send(400, apiError(400, "invalid_request_error", "Batch has not ended yet").body);
      res.writeHead(200, { "content-type": "application/x-jsonl" });
      return res.end(this.batches.get(m[1])!.results + "\n");
    }
    return send(404, apiError(404, "not_found_error", `Not found: ${req.method} ${path}`).body);
  }
}
