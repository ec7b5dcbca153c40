// The slice tests against hand-computed values, and their error rate by simulation.
import { describe, expect, it } from "vitest";
import { seededRandom } from "@/lib/random";
import { holm, makeUpTest, testSlices, worseThanRest } from "@/lib/stats/slices";

describe("slice statistics", () => {
  it("Fisher's one-sided mid-p: 1 of 10 against 9 of 10", () => {
    // Hypergeometric N = 20, K = 10, n = 10: P(X ≤ 1) = (1 + 100) / C(20,10), P(X ≤ 0) = 1 / C(20,10).
    const c = 184756;
    expect(worseThanRest(1, 10, 9, 10)).toBeCloseTo((101 / c + 1 / c) / 2, 10);
    // The same rate on both sides is nowhere near worse.
    expect(worseThanRest(5, 10, 50, 100)!).toBeGreaterThan(0.4);
    expect(worseThanRest(0, 0, 5, 10)).toBeNull();
  });

  it("Holm's adjustment, step-down and monotone", () => {
    const adjusted = holm([0.01, 0.04, 0.03, 0.005]);
    [0.03, 0.06, 0.06, 0.02].forEach((v, i) => expect(adjusted[i]).toBeCloseTo(v, 12));
    // 0.5 × 2 = 1, and 0.9 × 1 is raised to 1: an adjusted p never falls below a smaller p's.
    expect(holm([0.5, 0.9])).toEqual([1, 1]);
  });

  it("flags only the slice that is worse, and leaves small slices untested", () => {
    const report = testSlices([
      { key: "web", n: 200, hits: 180 },
      { key: "forum", n: 200, hits: 120 },
      { key: "news", n: 200, hits: 182 },
      { key: "tiny", n: 5, hits: 0 },
    ]);
    const [web, forum, news, tiny] = report.slices;
    expect(report.tested).toBe(3);
    expect(forum.worse).toBe(true);
    expect([web.worse, news.worse, tiny.worse]).toEqual([false, false, false]);
    expect(tiny.p).toBeNull();
    expect(forum.rest).toEqual({ n: 405, rate: 362 / 405 });
    expect(forum.interval!.low).toBeLessThan(0.6);
    expect(forum.interval!.high).toBeGreaterThan(0.6);
  });

  it("the blind slice's make-up: Pearson's chi-square against the project's shares", () => {
    const fit = makeUpTest([30, 10], [50, 50])!;
    expect(fit.chiSquare).toBeCloseTo(10, 10);
    expect(fit.df).toBe(1);
    expect(fit.p).toBeCloseTo(0.001565, 5);
    // Categories the whole barely has are pooled until each expects 5.
    expect(makeUpTest([20, 20, 1, 0], [500, 500, 10, 5])!.df).toBe(1);
    expect(makeUpTest([0, 0], [5, 5])).toBeNull();
  });

  it("with no slice worse, a project shows a false flag at most about 5% of the time", () => {
    const random = seededRandom(7);
    const binomial = (n: number, p: number) => Array.from({ length: n }).filter(() => random() < p).length;
    let flagged = 0;
    const projects = 400;
    for (let r = 0; r < projects; r++) {
      const counts = Array.from({ length: 20 }, (_, i) => ({ key: String(i), n: 100, hits: binomial(100, 0.93) }));
      if (testSlices(counts).slices.some((s) => s.worse)) flagged++;
    }
    // 400 projects: a rate of 5% would show about 20 (a 99% upper bound near 31).
    expect(flagged).toBeLessThanOrEqual(31);
  });
});
