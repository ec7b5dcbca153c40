import { describe, expect, it } from "vitest";
import { repairSpan, toolFor, validateAnswer } from "@/lib/llm/output-schema";
import { majority } from "@/lib/values/value";

describe("tool schema", () => {
  it("is an enum for one label, an array of the enum for many, and labeled spans for entities", () => {
    expect(toolFor("SINGLE_LABEL", ["a", "b"], { rationale: false }, true).input_schema.properties).toMatchObject({
      label: { type: "string", enum: ["a", "b"] },
    });
    expect(toolFor("MULTI_LABEL", ["a", "b"], { rationale: false }, true).input_schema.properties).toMatchObject({
      labels: { type: "array", items: { enum: ["a", "b"] } },
    });
    const spans = toolFor("SPANS", ["PER"], { rationale: false }, true).input_schema;
    expect(spans.properties).toMatchObject({ spans: { items: { required: ["label", "start", "end", "text"] } } });
    expect(spans.additionalProperties).toBe(false);
  });

  it("puts the rationale first for chain of thought", () => {
    const t = toolFor("SINGLE_LABEL", ["a", "b"], { rationale: true }, true).input_schema;
    expect(Object.keys(t.properties)).toEqual(["rationale", "label", "confidence"]);
    expect(t.required).toContain("rationale");
  });
});

describe("answer validation", () => {
  it("asks for the lead's distress categories, and reads the flags back", () => {
    const tool = toolFor("SINGLE_LABEL", ["spam", "ham"], { rationale: false, distress: ["violence", "self-harm"] }, true);
    expect(tool.input_schema.properties).toMatchObject({ distressing: { type: "array", items: { enum: ["violence", "self-harm"] } } });
    expect(tool.input_schema.required).toContain("distressing");
    const ask = { rationale: false, distress: ["violence", "self-harm"] };
    expect(validateAnswer("SINGLE_LABEL", ["spam", "ham"], "x", { label: "ham", distressing: ["violence", "violence"], confidence: 0.9 }, ask)).toMatchObject({
      ok: true,
      distress: ["violence"],
    });
    expect(validateAnswer("SINGLE_LABEL", ["spam", "ham"], "x", { label: "ham", distressing: [], confidence: 0.9 }, ask)).toMatchObject({
      ok: true,
      distress: [],
    });
    expect(validateAnswer("SINGLE_LABEL", ["spam", "ham"], "x", { label: "ham", distressing: ["gore"], confidence: 0.9 }, ask)).toMatchObject({ ok: false });
    // None defined: no field asked for, nothing recorded.
    expect(toolFor("SINGLE_LABEL", ["spam", "ham"], { rationale: false }, true).input_schema.properties).not.toHaveProperty("distressing");
  });

  it("asks a rationale for the item's own words, and records whether they are in the item", () => {
    const tool = toolFor("SINGLE_LABEL", ["spam", "ham"], { rationale: true, evidence: true }, true);
    expect(Object.keys(tool.input_schema.properties)).toEqual(["rationale", "evidence", "label", "confidence"]);
    expect(tool.input_schema.required).toContain("evidence");
    const item = "WIN a free cruise now";
    const answer = (evidence: unknown) =>
      validateAnswer("SINGLE_LABEL", ["spam", "ham"], item, { rationale: "r", evidence, label: "spam", confidence: 0.9 }, { rationale: true, evidence: true });
    expect(answer(["win a FREE cruise"])).toMatchObject({ ok: true, evidence: ["win a FREE cruise"], grounded: true });
    expect(answer(["claim your prize"])).toMatchObject({ ok: true, grounded: false });
    expect(answer([])).toMatchObject({ ok: true, grounded: false });
    // Required when asked for; bounded by zod, as strict mode cannot bound arrays.
    expect(answer(undefined)).toMatchObject({ ok: false, reason: expect.stringMatching(/evidence/) });
    expect(answer(Array(9).fill("win"))).toMatchObject({ ok: false });
    // Not asked for: a stray evidence field is ignored, as any unknown key.
    expect(
      validateAnswer("SINGLE_LABEL", ["spam", "ham"], item, { rationale: "r", evidence: ["x"], label: "spam", confidence: 0.9 }, { rationale: true }),
    ).toMatchObject({
      ok: true,
      grounded: null,
    });
  });

  it("accepts a label from the enum and rejects anything else", () => {
    expect(validateAnswer("SINGLE_LABEL", ["spam", "ham"], "x", { label: "spam", confidence: 0.9 }, { rationale: false })).toEqual({
      ok: true,
      value: { label: "spam" },
      confidence: 0.9,
      rationale: null,
      evidence: null,
      grounded: null,
      distress: null,
    });
    expect(validateAnswer("SINGLE_LABEL", ["spam", "ham"], "x", { label: "phishing", confidence: 0.9 }, { rationale: false })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^invalid answer: label/),
    });
    expect(validateAnswer("SINGLE_LABEL", ["spam", "ham"], "x", { label: "spam", confidence: 1.5 }, { rationale: false })).toMatchObject({ ok: false });
    expect(validateAnswer("SINGLE_LABEL", ["spam", "ham"], "x", {}, { rationale: false })).toMatchObject({ ok: false });
    expect(validateAnswer("SINGLE_LABEL", ["spam", "ham"], "x", { label: "spam", confidence: 0.5 }, { rationale: true })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/rationale/),
    });
  });

  it("dedupes multi-label answers", () => {
    expect(validateAnswer("MULTI_LABEL", ["a", "b"], "x", { labels: ["a", "a"], confidence: 0.5 }, { rationale: false })).toMatchObject({
      ok: true,
      value: { labels: ["a"] },
    });
  });

  it("repairs span offsets from the quoted text, and rejects a quote that is not in the item", () => {
    const text = "Ada Lovelace met Charles Babbage in London.";
    const good = validateAnswer(
      "SPANS",
      ["PER", "LOC"],
      text,
      {
        spans: [
          { label: "PER", start: 0, end: 12, text: "Ada Lovelace" },
          { label: "LOC", start: 30, end: 36, text: "London" },
        ],
        confidence: 0.8,
      },
      { rationale: false },
    );
    expect(good).toMatchObject({
      ok: true,
      value: {
        spans: [
          { start: 0, end: 12 },
          { start: 36, end: 42, text: "London" },
        ],
      },
    });
    const bad = validateAnswer(
      "SPANS",
      ["PER"],
      text,
      { spans: [{ label: "PER", start: 0, end: 5, text: "Grace Hopper" }], confidence: 0.8 },
      { rationale: false },
    );
    expect(bad).toMatchObject({ ok: false, reason: expect.stringMatching(/does not occur/) });
  });

  it("repairSpan picks the occurrence nearest to the given offsets", () => {
    expect(repairSpan("a x a x a", { label: "L", start: 7, end: 8, text: "a" })).toEqual({ label: "L", start: 8, end: 9, text: "a" });
  });
});

describe("majority", () => {
  it("returns the winning answer and its share; label order does not matter", () => {
    expect(majority([{ label: "a" }, { label: "b" }, { label: "a" }])).toEqual({ value: { label: "a" }, share: 2 / 3 });
    expect(majority([{ labels: ["x", "y"] }, { labels: ["y", "x"] }])?.share).toBe(1);
    expect(majority([])).toBeNull();
  });
});
