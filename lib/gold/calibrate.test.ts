import { describe, expect, it } from "vitest";
import { calibrate, fitIsotonic } from "@/lib/gold/calibrate";

const pts = (spec: [number, boolean][]) => spec.map(([confidence, correct]) => ({ confidence, correct }));

describe("isotonic calibration", () => {
  it("pools adjacent violators into a non-decreasing step function (worked by hand)", () => {
    // Means by confidence: 0.6 → 1, 0.7 → 0, 0.8 → 1/2, 0.9 → 1. 0.6 and 0.7 violate: pooled to 1/2,
    // then 0.8 (1/2) does not violate. Blocks: [≤0.7: 1/2], [0.8: 1/2], [0.9: 1].
    const c = fitIsotonic(
      pts([
        [0.6, true],
        [0.7, false],
        [0.8, true],
        [0.8, false],
        [0.9, true],
      ]),
    )!;
    expect(c.values).toEqual([0.5, 0.5, 1]);
    expect(c.edges).toEqual([0.7, 0.8, 0.9]);
    expect(calibrate(c, 0.65)).toBe(0.5);
    expect(calibrate(c, 0.85)).toBe(1);
    expect(calibrate(c, 0.99)).toBe(1); // above every edge: the top block
    expect(calibrate(c, 0.1)).toBe(0.5);
  });

  it("turns an over-confident model's 0.9s into how often they were right", () => {
    const points = [
      ...Array.from({ length: 100 }, (_, i) => ({ confidence: 0.9, correct: i < 70 })),
      ...Array.from({ length: 100 }, (_, i) => ({ confidence: 0.99, correct: i < 95 })),
    ];
    const c = fitIsotonic(points)!;
    expect(calibrate(c, 0.9)).toBeCloseTo(0.7);
    expect(calibrate(c, 0.99)).toBeCloseTo(0.95);
  });

  it("is monotone whatever the data", () => {
    let s = 7;
    const r = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const c = fitIsotonic(Array.from({ length: 500 }, () => ({ confidence: Math.round(r() * 100) / 100, correct: r() < 0.7 })))!;
    for (let i = 1; i < c.values.length; i++) expect(c.values[i]).toBeGreaterThanOrEqual(c.values[i - 1]);
    expect(fitIsotonic([])).toBeNull();
  });
});
