import { describe, expect, it } from "vitest";
import { MODELS, SELECTABLE_MODELS, DEFAULT_MODEL } from "@/lib/llm/models";
import { FAKE_MODELS } from "@/lib/testing/fake-anthropic/models";

describe("model table", () => {
  it("agrees with what the fake API enforces for every model (cache minimum, strict tool use)", () => {
    for (const [id, m] of Object.entries(MODELS)) {
      expect(FAKE_MODELS[id], id).toBeDefined();
      expect({ id, minCacheTokens: m.minCacheTokens, strictTools: m.strictTools }).toEqual({ id, ...FAKE_MODELS[id] });
    }
  });

  it("offers only models with strict tool use that are not at the end of their life, the default among them", () => {
    expect(SELECTABLE_MODELS).toContain(DEFAULT_MODEL);
    for (const m of SELECTABLE_MODELS) expect(MODELS[m]).toMatchObject({ strictTools: true });
    expect(SELECTABLE_MODELS).not.toContain("claude-sonnet-4-5");
  });
});
