import { describe, expect, it } from "vitest";
import { FewShotIndex, stratum } from "@/lib/llm/few-shot";

const gold = [
  { itemId: 1, text: "cheap pills online pharmacy discount", value: { label: "spam" } },
  { itemId: 2, text: "win a free cruise, claim your prize now", value: { label: "spam" } },
  { itemId: 3, text: "online pharmacy order confirmation for your prescription", value: { label: "ham" } },
  { itemId: 4, text: "team lunch on friday at noon", value: { label: "ham" } },
  { itemId: 5, text: "discount pills, best online pharmacy prices", value: { label: "spam" } },
];

describe("few-shot selection", () => {
  it("shows every label before repeating one, most similar first, and never the item itself", () => {
    const index = new FewShotIndex(gold);
    const picked = index.select(1, "cheap pills online pharmacy discount", 2);
    expect(picked.map((p) => p.value)).toEqual([{ label: "spam" }, { label: "ham" }]);
    expect(picked[0].text).toBe("discount pills, best online pharmacy prices"); // item 1 itself is excluded
    expect(picked[1].text).toContain("pharmacy"); // the most similar ham
    expect(index.select(99, "anything", 10)).toHaveLength(5);
  });

  it("returns nothing without a gold set", () => {
    expect(new FewShotIndex([]).select(1, "text", 4)).toEqual([]);
  });

  it("groups multi-label and span answers by their label sets", () => {
    expect(stratum({ labels: ["b", "a"] })).toBe("a+b");
    expect(
      stratum({
        spans: [
          { label: "PER", start: 0, end: 1, text: "x" },
          { label: "PER", start: 2, end: 3, text: "y" },
        ],
      }),
    ).toBe("PER");
  });
});
