// The audit's anytime-valid interval: hand-computed mixture ratios, the decisions read from them,
// and, by simulation, that looking after every audited decision keeps the stated 95%.
import { describe, expect, it } from "vitest";
import { auditOver, auditVerdict, auditWithin, confidenceSequence, itemsToShowWithin, logMixtureRatio } from "@/lib/gold/sequential";
import { seededRandom } from "@/lib/random";
import { errorUpperBound, minItemsFor } from "@/lib/gold/certify";

describe("the audit's confidence sequence", () => {
  it("computes the beta-binomial mixture ratio by hand", () => {
    expect(logMixtureRatio(0, 0, 0.3)).toBeCloseTo(0, 12); // nothing seen: the ratio starts at 1
    // Uniform prior, one wrong of one, p = 1/2: B(2,1)/B(1,1) / (1/2) = (1/2) / (1/2) = 1.
    expect(logMixtureRatio(1, 1, 0.5, { a: 1, b: 1 })).toBeCloseTo(0, 12);
    // Uniform prior, two wrong of two, p = 1/2: B(3,1) / (1/4) = (1/3) * 4.
    expect(Math.exp(logMixtureRatio(2, 2, 0.5, { a: 1, b: 1 }))).toBeCloseTo(4 / 3, 12);
    // The default prior Beta(1/2, 4), one right of one, p = 0.1: B(1/2, 5)/B(1/2, 4) / 0.9 = (4 / 4.5) / 0.9.
    expect(Math.exp(logMixtureRatio(0, 1, 0.1))).toBeCloseTo(4 / 4.5 / 0.9, 12);
  });

  it("reads pause and resume from the ratio at the budget, in agreement with the interval's ends", () => {
    // The healthy project: 2 wrong of 122 against 5% is no evidence of anything.
    expect(auditVerdict(2, 122, 0.05)).toMatchObject({ over: false, within: false });
    // Every one of 5 audited labels wrong is evidence enough of more than 5%.
    expect(auditOver(5, 5, 0.05)).toBe(true);
    // 2 wrong of 400 shows the error within 5%; none of 40 does not yet.
    expect(auditWithin(2, 400, 0.05)).toBe(true);
    expect(auditWithin(0, 40, 0.05)).toBe(false);
    for (const [k, n] of [
      [0, 50],
      [3, 60],
      [10, 100],
      [24, 120],
      [2, 400],
      [40, 200],
    ]) {
      const [lo, hi] = confidenceSequence(k, n);
      expect(lo).toBeLessThanOrEqual(k / n);
      expect(hi).toBeGreaterThanOrEqual(k / n);
      expect(auditOver(k, n, 0.05)).toBe(lo > 0.05 + 1e-9);
      expect(auditWithin(k, n, 0.05)).toBe(hi < 0.05 - 1e-9);
    }
  });

  it("says how many more right answers would show the error within the budget", () => {
    const more = itemsToShowWithin(0, 40, 0.05)!;
    expect(auditWithin(0, 40 + more, 0.05)).toBe(true);
    expect(auditWithin(0, 40 + more - 1, 0.05)).toBe(false);
    expect(itemsToShowWithin(2, 400, 0.05)).toBe(0);
  });

  it("keeps its 95% when looked at after every one of 600 audited decisions (500 simulated audits at the budget itself)", () => {
    const r = seededRandom(7);
    let everOver = 0;
    let everOutside = 0;
    let oldRule = 0;
    for (let sim = 0; sim < 500; sim++) {
      let k = 0;
      let over = false;
      let outside = false;
      let old = false;
      for (let n = 1; n <= 600; n++) {
        if (r() < 0.05) k++;
        over ||= auditOver(k, n, 0.05);
        outside ||= logMixtureRatio(k, n, 0.05) >= Math.log(20);
        // The rule this replaced: pause once the one-sided 95% upper bound passes the budget.
        old ||= n >= minItemsFor(0.05) && errorUpperBound(k, n) > 0.05;
      }
      everOver += Number(over);
      everOutside += Number(outside);
      oldRule += Number(old);
    }
    // A version exactly at its budget is paused at most 5% of the time; the interval misses the truth at most 5% of the time.
    expect(everOver / 500).toBeLessThanOrEqual(0.05);
    expect(everOutside / 500).toBeLessThanOrEqual(0.05);
    // The old rule asked the audit to re-prove the budget, and paused nearly every such version.
    expect(oldRule / 500).toBeGreaterThan(0.9);
  });

  it("pauses a clearly worse version quickly: 30% wrong against a 5% budget within 40 audited items", () => {
    const r = seededRandom(11);
    let paused = 0;
    for (let sim = 0; sim < 200; sim++) {
      let k = 0;
      for (let n = 1; n <= 40; n++) {
        if (r() < 0.3) k++;
        if (auditOver(k, n, 0.05)) {
          paused++;
          break;
        }
      }
    }
    expect(paused / 200).toBeGreaterThan(0.9);
  });
});
