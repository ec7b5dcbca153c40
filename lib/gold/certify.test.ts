import { describe, expect, it } from "vitest";
import { certifyThreshold, errorUpperBound, minItemsFor } from "@/lib/gold/certify";

const items = (spec: [number, number, number][]) =>
  spec.flatMap(([confidence, n, wrong]) => Array.from({ length: n }, (_, i) => ({ confidence, correct: i >= wrong })));

describe("error bound", () => {
  it("matches Clopper-Pearson worked by hand", () => {
    // Zero errors: the bound is 1 - delta^(1/n).
    expect(errorUpperBound(0, 100)).toBeCloseTo(1 - 0.05 ** (1 / 100), 10);
    expect(errorUpperBound(0, 59)).toBeCloseTo(0.04951, 4);
    // 1 error in 100: the 95% one-sided bound is 0.0466 (beta quantile 0.95 of Beta(2, 99)).
    expect(errorUpperBound(1, 100)).toBeCloseTo(0.0466, 3);
    expect(errorUpperBound(5, 5)).toBe(1);
    expect(errorUpperBound(0, 0)).toBe(1);
  });

  it("knows the fewest items that can certify a budget", () => {
    expect(minItemsFor(0.05)).toBe(59); // 0.95^59 = 0.0485 <= 0.05 < 0.95^58
    expect(minItemsFor(0.02)).toBe(149);
  });
});

describe("threshold scan", () => {
  it("certifies the lowest threshold before the first that fails, and stops there", () => {
    // 300 items at 0.99 without error, 100 at 0.9 with 2 errors, 100 at 0.8 with 20 errors, then 0.7 all right.
    const c = certifyThreshold(
      items([
        [0.99, 300, 0],
        [0.9, 100, 2],
        [0.8, 100, 20],
        [0.7, 500, 0],
      ]),
      0.05,
      { startFactor: 1, minStepShare: 0 },
    );
    expect(c.steps.map((s) => [s.threshold, s.n, s.errors, s.passed])).toEqual([
      [0.99, 300, 0, true],
      [0.9, 400, 2, true],
      [0.8, 500, 22, false],
    ]);
    // 0.7 would pass again (22 errors in 1,000) but is never tested: the scan stopped at 0.8.
    expect(c.threshold).toBe(0.9);
    expect(c.upper).toBeCloseTo(errorUpperBound(2, 400), 10);
  });

  it("with zero errors certifies everything that reaches the size a zero-error bound needs", () => {
    const c = certifyThreshold(
      items([
        [0.95, 40, 0],
        [0.9, 40, 0],
        [0.85, 40, 0],
      ]),
      0.05,
      { startFactor: 1, minStepShare: 0 },
    );
    expect(c.steps[0].n).toBe(80); // 40 < 59 items cannot pass whatever the answers: not tested
    expect(c.threshold).toBe(0.85);
    expect(c.errors).toBe(0);
  });

  it("certifies nothing on a slice too small, and says how many more blind items it needs", () => {
    const c = certifyThreshold(items([[0.9, 30, 0]]), 0.05);
    expect(c.threshold).toBeNull();
    expect(c.steps).toEqual([]);
    expect(c.moreBlindNeeded).toBe(29);
    const noisy = certifyThreshold(items([[0.9, 100, 3]]), 0.05, { startFactor: 1 });
    expect(noisy.threshold).toBeNull();
    expect(noisy.moreBlindNeeded).toBeGreaterThan(0);
    // Worse than the budget at the top: no amount of blind review certifies it.
    expect(certifyThreshold(items([[0.9, 100, 10]]), 0.05).moreBlindNeeded).toBeNull();
  });

  it("keeps tied confidences together", () => {
    const c = certifyThreshold(
      items([
        [0.9, 200, 0],
        [0.8, 200, 1],
      ]),
      0.05,
      { startFactor: 1, minStepShare: 0 },
    );
    expect(c.steps.map((s) => s.n)).toEqual([200, 400]);
  });
});
