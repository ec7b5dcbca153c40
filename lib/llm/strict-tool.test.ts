// The tool every request sends must be one strict mode accepts, for every task type, with and
// without a rationale: checked by the same rules the fake API enforces (the documented ones).
import { describe, expect, it } from "vitest";
import { toolFor } from "@/lib/llm/output-schema";
import type { TaskType } from "@/lib/values/value";
import { strictSchemaProblems, strictToolLimits } from "@/lib/testing/fake-anthropic/strict-schema";

const cases = (["SINGLE_LABEL", "MULTI_LABEL", "SPANS"] as TaskType[]).flatMap((t) => [false, true].map((r) => [t, r] as const));

describe("strict tool schema", () => {
  it.each(cases)("is accepted by strict mode's rules: %s, rationale %s", (taskType, rationale) => {
    const tool = toolFor(taskType, ["alpha", "beta", "gamma"], { rationale }, true);
    expect(tool).toMatchObject({ strict: true });
    expect(strictSchemaProblems(tool.input_schema)).toEqual([]);
    expect(strictToolLimits([tool])).toBeNull();
  });

  it("the checker is not vacuous: the schema this release replaced (numeric bounds, uniqueItems) is refused", () => {
    const old = {
      type: "object",
      properties: {
        labels: { type: "array", items: { type: "string", enum: ["a"] }, uniqueItems: true },
        confidence: { type: "number", minimum: 0, maximum: 1 },
      },
      required: ["labels", "confidence"],
      additionalProperties: false,
    };
    expect(strictSchemaProblems(old)).toHaveLength(3);
  });
});
