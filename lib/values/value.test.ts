// A stored value is read as its task type's shape or refused: never read as another shape.
import { describe, expect, it } from "vitest";
import { labelNames, parseValue, ValueShapeError } from "@/lib/values/value";

describe("parseValue", () => {
  it("reads each task type's shape, and only the fields it has", () => {
    expect(parseValue("SINGLE_LABEL", { label: "spam", extra: 1 })).toEqual({ label: "spam" });
    expect(parseValue("PAIRWISE", { label: "A" })).toEqual({ label: "A" });
    expect(parseValue("MULTI_LABEL", { labels: ["a", "b"] })).toEqual({ labels: ["a", "b"] });
    const span = { label: "PER", start: 0, end: 3, text: "Ada" };
    expect(parseValue("SPANS", { spans: [span] })).toEqual({ spans: [span] });
  });

  it("refuses another type's shape, a malformed value, and nothing at all", () => {
    const wrong: [Parameters<typeof parseValue>[0], unknown][] = [
      ["SINGLE_LABEL", { labels: ["a"] }],
      ["MULTI_LABEL", { label: "a" }],
      ["MULTI_LABEL", { labels: ["a", 2] }],
      ["SPANS", { spans: [{ label: "PER", start: "0", end: 3, text: "Ada" }] }],
      ["SPANS", { label: "PER" }],
      ["SINGLE_LABEL", null],
      ["SINGLE_LABEL", "spam"],
    ];
    for (const [type, raw] of wrong) expect(() => parseValue(type, raw), JSON.stringify(raw)).toThrow(ValueShapeError);
  });

  it("names the labels a value uses", () => {
    expect(labelNames({ label: "x" })).toEqual(["x"]);
    expect(labelNames({ labels: ["x", "y"] })).toEqual(["x", "y"]);
    expect(labelNames({ spans: [{ label: "PER", start: 0, end: 1, text: "A" }] })).toEqual(["PER"]);
  });
});
