import { describe, expect, it } from "vitest";
import { alphaForLook, decide, discordantNeeded, mcnemarEValue, mcnemarExact, mcnemarOneSided } from "@/lib/alignment/stats";

describe("McNemar's exact test", () => {
  it("matches hand-computed binomial tails", () => {
    // b=1, c=9: 2·P(X<=1), X~Bin(10, 1/2) = 2·(1+10)/1024 = 22/1024
    expect(mcnemarExact(1, 9)).toBeCloseTo(22 / 1024, 12);
    expect(mcnemarExact(9, 1)).toBeCloseTo(22 / 1024, 12);
    // b=0, c=5: 2/32
    expect(mcnemarExact(0, 5)).toBeCloseTo(1 / 16, 12);
    // b=2, c=8: 2·(1+10+45)/1024 = 112/1024
    expect(mcnemarExact(2, 8)).toBeCloseTo(112 / 1024, 12);
    // an even split is as far from significant as it gets
    expect(mcnemarExact(5, 5)).toBe(1);
    expect(mcnemarExact(0, 0)).toBe(1);
  });

  it("stays finite for thousands of discordant items", () => {
    const p = mcnemarExact(900, 1100);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(0.0001);
    expect(mcnemarExact(1000, 1000)).toBeCloseTo(1, 6);
  });

  it("one-sided: the candidate's chance of winning this many discordant items by luck", () => {
    // b=1, c=9: P(X>=9 | 10) = 11/1024; the other way round nearly certain
    expect(mcnemarOneSided(1, 9)).toBeCloseTo(11 / 1024, 12);
    expect(mcnemarOneSided(9, 1)).toBeCloseTo(1 - 1 / 1024, 12);
    expect(mcnemarOneSided(0, 0)).toBe(1);
  });

  it("is significant only for the candidate being better", () => {
    expect(decide(400, 2, 20, 0.025).significant).toBe(true);
    expect(decide(400, 20, 2, 0.025).significant).toBe(false);
    expect(decide(400, 8, 12, 0.025).significant).toBe(false);
  });
});

describe("multiplicity over repeated tests on one held-out set", () => {
  it("halves the level at every test, so the levels sum to alpha", () => {
    expect(alphaForLook(1)).toBe(0.025);
    expect(alphaForLook(2)).toBe(0.0125);
    expect(alphaForLook(3, 0.1)).toBeCloseTo(0.0125, 12);
    const total = Array.from({ length: 60 }, (_, k) => alphaForLook(k + 1)).reduce((a, b) => a + b, 0);
    expect(total).toBeLessThanOrEqual(0.05);
    expect(total).toBeGreaterThan(0.0499);
    expect(() => alphaForLook(0)).toThrow();
  });
});

describe("more gold a decision would need", () => {
  it("finds the smallest number of discordant items that decides at the observed split", () => {
    // 3 of 4 discordant items for the candidate: how many at that split until p < 0.025
    const m = discordantNeeded(1, 3, 0.025)!;
    expect(m).toBeGreaterThan(4);
    const c = Math.round(0.75 * m);
    expect(mcnemarOneSided(m - c, c)).toBeLessThan(0.025);
    const c1 = Math.round(0.75 * (m - 1));
    expect(mcnemarOneSided(m - 1 - c1, c1)).toBeGreaterThanOrEqual(0.025);
  });
  it("is null when the candidate is not ahead", () => {
    expect(discordantNeeded(5, 5, 0.025)).toBeNull();
    expect(discordantNeeded(6, 2, 0.025)).toBeNull();
    expect(discordantNeeded(0, 0, 0.025)).toBeNull();
  });
});

describe("anytime-valid e-value", () => {
  it("is 2^m·B(c+1,b+1)", () => {
    // m=2, c=2: 4·B(3,1) = 4/3; m=2, c=1: 4·B(2,2) = 4/6
    expect(mcnemarEValue(0, 2)).toBeCloseTo(4 / 3, 12);
    expect(mcnemarEValue(1, 1)).toBeCloseTo(4 / 6, 12);
    expect(mcnemarEValue(0, 0)).toBe(1);
  });
  it("crosses 1/alpha under no difference rarely, however often it is looked at", () => {
    let crossed = 0;
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let sim = 0; sim < 400; sim++) {
      let b = 0;
      let c = 0;
      for (let i = 0; i < 300; i++) {
        if (rand() < 0.5) b++;
        else c++;
        if (mcnemarEValue(b, c) >= 1 / 0.05) {
          crossed++;
          break;
        }
      }
    }
    expect(crossed / 400).toBeLessThanOrEqual(0.05);
  });
});
