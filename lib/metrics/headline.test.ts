import { describe, expect, it } from "vitest";
import { qualityHeadline } from "@/lib/metrics/headline";
import type { SliceMetrics } from "@/lib/metrics/queries";
import { wilson } from "@/lib/stats/measures";

const slice = (correct: number, n: number) =>
  ({ n, correct, accuracy: n ? correct / n : null, interval: wilson(correct, n), moreGoldNeeded: 0 }) as unknown as SliceMetrics;

describe("Quality headline", () => {
  it("states blind accuracy with its interval and flags anchoring when assisted agreement is above it", () => {
    const h = qualityHeadline({
      blind: slice(58, 100),
      assisted: slice(820, 1000),
      blindNeeded: { more: 900, available: 2000, bestHalfWidth: 0.02 },
      blindShare: 0.1,
      subject: "Claude (claude-haiku-4-5), prompt v1",
    });
    expect(h.sentences[0]).toBe(
      "Claude (claude-haiku-4-5), prompt v1 is right 58% of the time (give or take 9 points), measured on 100 items people reviewed blind, without seeing its answer.",
    );
    expect(h.sentences[1]).toContain("82% of the time: more than blind review supports, so they may be anchoring.");
    expect(h.next).toBe("Review about 900 more items blind to know it within 3 points either way.");
  });

  it("says so when assisted agreement is within the blind interval", () => {
    const h = qualityHeadline({
      blind: slice(80, 100),
      assisted: slice(82, 100),
      blindNeeded: { more: 0, available: 0, bestHalfWidth: null },
      blindShare: 0.1,
    });
    expect(h.sentences[1]).toContain("in line with blind review");
    expect(h.next).toContain("known to within 3 points either way");
  });

  it("caps what it asks for by what the project has", () => {
    const h = qualityHeadline({
      blind: slice(8, 10),
      assisted: slice(80, 100),
      blindNeeded: { more: 600, available: 40, bestHalfWidth: 0.11 },
      blindShare: 0.1,
    });
    expect(h.next).toBe("This project cannot pin it down to 3 points: reviewing all 40 items that would be blind leaves 11 points either way.");
  });

  it("says to import more when no item is left to review", () => {
    const h = qualityHeadline({ blind: slice(8, 12), assisted: slice(22, 28), blindNeeded: { more: 600, available: 0, bestHalfWidth: 0.24 }, blindShare: 0.3 });
    expect(h.next).toBe("Every item has gold: import more items to know it better than within 24 points.");
  });

  it("without blind gold, says the figure is not measured and how to get it", () => {
    expect(
      qualityHeadline({ blind: slice(0, 0), assisted: slice(9, 10), blindNeeded: { more: 1000, available: 0, bestHalfWidth: null }, blindShare: 0 }).next,
    ).toContain("Turn on a blind slice");
  });
});
