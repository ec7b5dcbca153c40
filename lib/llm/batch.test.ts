import { describe, expect, it } from "vitest";
import type Anthropic from "@anthropic-ai/sdk";
import { batchRequestsFor, customId, parseCustomId, sampleOf, settleBatchSamples } from "@/lib/llm/batch";
import { itemRequest, type PreparedPrompt } from "@/lib/llm/label-item";
import { settleSamples } from "@/lib/llm/answers";

const prompt: PreparedPrompt = {
  ctx: {
    taskType: "SINGLE_LABEL",
    labels: [
      { name: "spam", description: "" },
      { name: "ham", description: "" },
    ],
    guidelines: "",
    modelId: "claude-haiku-4-5",
    strategy: "FEW_SHOT",
    instructions: "Label it.",
    settings: { temperature: 0.7, maxTokens: 200, samples: 3, fewShotK: 2 },
  },
  cachePrefix: false,
};
const item = {
  itemId: 42,
  text: "win a prize now",
  examples: [
    { text: "cheap pills", value: { label: "spam" } },
    { text: "lunch at noon", value: { label: "ham" } },
  ],
};
const message = (label: string): Anthropic.Message =>
  ({
    id: "m",
    type: "message",
    role: "assistant",
    model: "claude-haiku-4-5",
    stop_reason: "tool_use",
    stop_sequence: null,
    content: [{ type: "tool_use", id: "t", name: "record_annotation", input: { label, confidence: 0.9 } }],
    usage: { input_tokens: 100, output_tokens: 20, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 },
  }) as unknown as Anthropic.Message;

describe("batch requests", () => {
  it("carry the few-shot examples and one request per sample, each the request a direct run sends", () => {
    const requests = batchRequestsFor(prompt, item);
    expect(requests.map((r) => r.custom_id)).toEqual(["i42-s0", "i42-s1", "i42-s2"]);
    for (const r of requests) {
      expect(r.params).toEqual(itemRequest(prompt, item));
      expect(JSON.stringify(r.params.messages)).toContain("cheap pills");
      expect(JSON.stringify(r.params.messages)).toContain("lunch at noon");
    }
    expect(parseCustomId(customId(7, 2))).toEqual({ itemId: 7, sample: 2 });
    expect(parseCustomId("42")).toBeNull();
  });

  it("settle the samples as a direct run does, at half price", () => {
    const samples = [message("spam"), message("ham"), message("spam")].map((m) => sampleOf({ type: "succeeded", message: m }));
    const batch = settleBatchSamples(prompt, item, samples);
    const direct = settleSamples(prompt.ctx, item.text, samples);
    expect(batch.outcome).toEqual(direct.outcome);
    expect(batch.outcome).toMatchObject({ kind: "ok", value: { label: "spam" }, confidenceSource: "VOTES" });
    expect((batch.outcome as { confidence: number }).confidence).toBeCloseTo(2 / 3);
    expect(batch.cost).toBeCloseTo(direct.cost / 2);
  });

  it("count an errored sample against the winner", () => {
    const samples = [
      sampleOf({ type: "succeeded", message: message("spam") }),
      sampleOf({ type: "errored", error: { type: "error", error: { type: "api_error", message: "boom" } } } as never),
      sampleOf({ type: "expired" }),
    ];
    expect(settleBatchSamples(prompt, item, samples).outcome).toMatchObject({ kind: "ok", confidence: 1 / 3 });
  });
});
