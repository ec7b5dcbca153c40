import { describe, expect, it } from "vitest";
import { qualityHeadline } from "@/lib/metrics/headline";
import type { SliceMetrics } from "@/lib/metrics/queries";
import { wilson } from "@/lib/metrics/stats";

const slice = (correct: number, n: number) => ({ n, correct, accuracy: n ? correct / n : null, interval: wilson(correct, n), moreGoldNeeded: 0 }) as unknown as SliceMetrics;

describe("Quality headline", () => {
  it("states blind accuracy with its interval and flags anchoring when assisted agreement is above it", () => {
    const h = qualityHeadline({ blind: slice(58, 100), assisted: slice(820, 1000), blindNeeded: { more: 900, available: 2000, bestHalfWidth: 0.02 }, blindShare: 0.1 });
    expect(h.sentences[0]).toBe("Measured blind: 58% ± 9 on 100 items.");
    expect(h.sentences[1]).toContain("82% of the time: more than blind review supports, so they may be anchoring.");
    expect(h.next).toBe("About 900 more blind reviews would narrow it to ±3 points.");
  });

  it("says so when assisted agreement is within the blind interval", () => {
    const h = qualityHeadline({ blind: slice(80, 100), assisted: slice(82, 100), blindNeeded: { more: 0, available: 0, bestHalfWidth: null }, blindShare: 0.1 });
    expect(h.sentences[1]).toContain("in line with blind review");
    expect(h.next).toContain("known to ±3 points");
  });

  it("caps what it asks for by what the project has", () => {
    const h = qualityHeadline({ blind: slice(8, 10), assisted: slice(80, 100), blindNeeded: { more: 600, available: 40, bestHalfWidth: 0.11 }, blindShare: 0.1 });
    expect(h.next).toBe("The project cannot narrow it to ±3 points: reviewing all 40 items that would be blind gives ±11.");
  });

  it("says to import more when no item is left to review", () => {
    const h = qualityHeadline({ blind: slice(8, 12), assisted: slice(22, 28), blindNeeded: { more: 600, available: 0, bestHalfWidth: 0.24 }, blindShare: 0.3 });
    expect(h.next).toBe("Every item has gold: import more items to narrow it below ±24 points.");
  });

  it("without blind gold, says the figure is not measured and how to get it", () => {
    expect(qualityHeadline({ blind: slice(0, 0), assisted: slice(9, 10), blindNeeded: { more: 1000, available: 0, bestHalfWidth: null }, blindShare: 0 }).next).toContain("Turn on a blind slice");
  });
});
