// Grounding with hand-made rationales: quotes present, absent, with other whitespace and case,
// elided with an ellipsis, and quotes taken from the guidelines rather than the item.
import { describe, expect, it } from "vitest";
import { groundEvidence } from "@/lib/llm/grounding";

const ITEM = "Dear customer,\n\nYou have WON a free   cruise! Click the link below to claim your prize before Friday.";
const GUIDELINES = "Spam: unsolicited messages that promise prizes or ask the reader to click a link.";

describe("grounding a rationale's evidence in the item", () => {
  it("finds an exact quote", () => {
    expect(groundEvidence(["Click the link below"], ITEM)).toEqual({ grounded: true, missing: [] });
  });

  it("finds a quote whose whitespace and case differ from the item's", () => {
    expect(groundEvidence(["you have won a FREE cruise"], ITEM).grounded).toBe(true);
    expect(groundEvidence(["Dear customer, You have"], ITEM).grounded).toBe(true);
    expect(groundEvidence(["  claim   your\tprize  "], ITEM).grounded).toBe(true);
  });

  it("accepts a quote wrapped in quotation marks, and one elided with an ellipsis, in order only", () => {
    expect(groundEvidence(["“won a free cruise”"], ITEM).grounded).toBe(true);
    expect(groundEvidence(["You have WON ... before Friday"], ITEM).grounded).toBe(true);
    expect(groundEvidence(["before Friday … You have WON"], ITEM).grounded).toBe(false);
  });

  it("does not find words the item does not contain", () => {
    const g = groundEvidence(["won a free cruise", "your account has been suspended"], ITEM);
    expect(g).toEqual({ grounded: false, missing: ["your account has been suspended"] });
    expect(groundEvidence(["won a free car"], ITEM).grounded).toBe(false);
  });

  it("does not count quotes from the guidelines as evidence from the item", () => {
    expect(groundEvidence(["promise prizes or ask the reader to click a link"], ITEM + "\n" + "").grounded).toBe(false);
    expect(groundEvidence(["unsolicited messages"], ITEM).grounded).toBe(false);
    expect(groundEvidence(["unsolicited messages"], GUIDELINES).grounded).toBe(true); // the same quote against the text it came from
  });

  it("is not grounded without a quote, or with quotes that are only punctuation", () => {
    expect(groundEvidence([], ITEM).grounded).toBe(false);
    expect(groundEvidence(['""', "  "], ITEM).grounded).toBe(false);
  });
});
