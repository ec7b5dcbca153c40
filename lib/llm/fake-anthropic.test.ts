// The fake server must reject what the real API rejects, so tests cannot pass on requests the
// real API would refuse.
import Anthropic from "@anthropic-ai/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeAnthropic } from "@/lib/llm/fake-anthropic";
import { buildRequest } from "@/lib/llm/build-request";

let fake: FakeAnthropic;
let client: Anthropic;
beforeAll(async () => {
  fake = new FakeAnthropic({ batchDelayMs: 50 });
  client = new Anthropic({ apiKey: "k", baseURL: await fake.start(), maxRetries: 0 });
});
afterAll(() => fake.stop());

const ctx = {
  taskType: "SINGLE_LABEL" as const,
  labels: [{ name: "spam", description: "" }, { name: "ham", description: "" }],
  guidelines: "",
  modelId: "claude-haiku-4-5",
  strategy: "ZERO_SHOT" as const,
  instructions: "Label it.",
  settings: { temperature: 0, maxTokens: 100, samples: 1, fewShotK: 4 },
};

describe("fake Anthropic server", () => {
  it("answers a tool-use request by the rule on the item text, with usage and cache tokens", async () => {
    const first = await client.messages.create(buildRequest(ctx, "this is ham"));
    expect(first.stop_reason).toBe("tool_use");
    expect(first.content[0]).toMatchObject({ type: "tool_use", name: "record_annotation", input: { label: "ham" } });
    expect(first.usage.cache_creation_input_tokens).toBeGreaterThan(0);
    const second = await client.messages.create(buildRequest(ctx, "this is spam"));
    expect(second.usage.cache_read_input_tokens).toBe(first.usage.cache_creation_input_tokens);
  });

  it("returns the real error JSON for a bad request", async () => {
    const err = await client.messages.create({ model: "claude-haiku-4-5", messages: [] } as never).catch((e) => e);
    expect(err).toBeInstanceOf(Anthropic.BadRequestError);
    expect(err.error).toMatchObject({ type: "error", error: { type: "invalid_request_error", message: expect.stringMatching(/max_tokens/) } });
  });

  it("sends 429 with retry-after when told to", async () => {
    fake.config.faults = { rate429: 1 };
    fake.config.retryAfterSeconds = 7;
    const err = await client.messages.create(buildRequest(ctx, "x")).catch((e) => e);
    fake.config.faults = {};
    expect(err).toBeInstanceOf(Anthropic.RateLimitError);
    expect(err.headers.get("retry-after")).toBe("7");
  });

  it("runs Message Batches: create, retrieve, results joined by custom_id", async () => {
    const batch = await client.messages.batches.create({
      requests: [
        { custom_id: "1", params: buildRequest(ctx, "spam offer") },
        { custom_id: "2", params: buildRequest(ctx, "ham sandwich") },
      ],
    });
    expect(batch.processing_status).toBe("in_progress");
    await new Promise((r) => setTimeout(r, 80));
    expect((await client.messages.batches.retrieve(batch.id)).processing_status).toBe("ended");
    const results: Record<string, unknown> = {};
    for await (const r of await client.messages.batches.results(batch.id)) {
      results[r.custom_id] = r.result.type === "succeeded" ? (r.result.message.content[0] as { input: unknown }).input : r.result.type;
    }
    expect(results).toMatchObject({ "1": { label: "spam" }, "2": { label: "ham" } });
  });

  it("counts tokens", async () => {
    const r = await client.messages.countTokens({ model: "claude-haiku-4-5", messages: [{ role: "user", content: "abcd".repeat(10) }] });
    expect(r.input_tokens).toBeGreaterThan(5);
  });
});
