import { describe, expect, it } from "vitest";
import {
  averages,
  calibration,
  cohensKappa,
  fromConfusion,
  krippendorffAlphaNominal,
  moreGoldNeeded,
  pairedDifference,
  prf,
  wilson,
} from "@/lib/stats/measures";

const coincidence = (entries: [string, string, number][]) => {
  const m = new Map<string, Map<string, number>>();
  for (const [c, k, v] of entries) m.set(c, (m.get(c) ?? new Map()).set(k, v));
  return m;
};

describe("metrics statistics", () => {
  it("gives the Wilson interval of 8 out of 10 and none for an empty set", () => {
    const w = wilson(8, 10)!;
    expect(w.low).toBeCloseTo(0.4902, 3);
    expect(w.high).toBeCloseTo(0.9433, 3);
    expect(wilson(0, 0)).toBeNull();
    expect(wilson(10, 10)!.high).toBeCloseTo(1, 12);
  });

  it("computes accuracy, per-label P/R/F1 and kappa from a 2x2 confusion matrix", () => {
    // gold A: predicted A 5, B 1; gold B: predicted A 2, B 2
    const r = fromConfusion({
      labels: ["A", "B"],
      matrix: [
        [5, 1],
        [2, 2],
      ],
    });
    expect(r.n).toBe(10);
    expect(r.accuracy).toBeCloseTo(0.7);
    expect(r.perLabel[0].precision).toBeCloseTo(5 / 7);
    expect(r.perLabel[0].recall).toBeCloseTo(5 / 6);
    expect(r.perLabel[0].f1).toBeCloseTo(10 / 13);
    expect(r.perLabel[1].f1).toBeCloseTo(4 / 7);
    expect(r.perLabel[1].support).toBe(4);
    expect(r.kappa).toBeCloseTo((0.7 - 0.54) / 0.46);
    expect(r.microF1).toBeCloseTo(0.7); // single label: micro F1 is accuracy
    expect(r.macroF1).toBeCloseTo((10 / 13 + 4 / 7) / 2);
  });

  it("scores a label the model never predicts as F1 0 in the macro average", () => {
    const r = fromConfusion({
      labels: ["A", "B", "C"],
      matrix: [
        [3, 0, 0],
        [1, 2, 0],
        [2, 0, 0],
      ],
    });
    const c = r.perLabel[2];
    expect(c.precision).toBeNull();
    expect(c.recall).toBe(0);
    expect(c.f1).toBe(0);
    expect(r.macroF1).toBeCloseTo((r.perLabel[0].f1! + r.perLabel[1].f1! + 0) / 3);
    // A label in neither gold nor predictions is left out of the average.
    expect(averages([prf("A", 2, 2, 2), prf("Z", 0, 0, 0)]).macroF1).toBe(1);
  });

  it("handles perfect agreement and an empty gold set", () => {
    expect(
      cohensKappa([
        [4, 0],
        [0, 6],
      ]),
    ).toBe(1);
    expect(cohensKappa([[5]])).toBe(1);
    const empty = fromConfusion({
      labels: ["A", "B"],
      matrix: [
        [0, 0],
        [0, 0],
      ],
    });
    expect(empty).toMatchObject({ n: 0, accuracy: null, interval: null, kappa: null, macroF1: null, microF1: null });
  });

  it("computes Krippendorff's alpha (nominal) from a coincidence matrix", () => {
    // Units (a,a), (a,a), (b,b), (a,b) with two coders each.
    expect(
      krippendorffAlphaNominal(
        coincidence([
          ["a", "a", 4],
          ["b", "b", 2],
          ["a", "b", 1],
          ["b", "a", 1],
        ]),
      ),
    ).toBeCloseTo(1 - (7 * 2) / 30);
    expect(
      krippendorffAlphaNominal(
        coincidence([
          ["a", "a", 4],
          ["b", "b", 2],
        ]),
      ),
    ).toBe(1);
    expect(krippendorffAlphaNominal(coincidence([["a", "a", 6]]))).toBeNull(); // no variation
    expect(krippendorffAlphaNominal(new Map())).toBeNull();
  });

  it("builds the reliability diagram, ECE and auto-accept thresholds from bins", () => {
    const c = calibration(
      [
        { bin: 9, n: 10, confidenceSum: 9.5, correct: 9 },
        { bin: 5, n: 10, confidenceSum: 5.5, correct: 6 },
      ],
      10,
    );
    expect(c.ece).toBeCloseTo(0.05);
    expect(c.bins.map((b) => b.accuracy)).toEqual([0.6, 0.9]);
    expect(c.thresholds[9]).toMatchObject({ threshold: 0.9, covered: 10, coverage: 0.5, accuracy: 0.9 });
    expect(c.thresholds[0]).toMatchObject({ covered: 20, accuracy: 0.75 });
    expect(c.thresholds[6].covered).toBe(10);
    expect(calibration([], 10).ece).toBeNull();
  });

  it("says how much more gold brings the interval to ±3 points", () => {
    const fromNothing = moreGoldNeeded(0, 0);
    expect(fromNothing).toBeGreaterThan(1000);
    expect(fromNothing).toBeLessThan(1100);
    expect(moreGoldNeeded(9000, 10000)).toBe(0);
    const some = moreGoldNeeded(90, 100);
    const w = wilson(0.9 * (100 + some), 100 + some)!;
    expect((w.high - w.low) / 2).toBeLessThanOrEqual(0.03);
    const w1 = wilson(0.9 * (99 + some), 99 + some)!;
    expect((w1.high - w1.low) / 2).toBeGreaterThan(0.03);
  });

  it("gives a paired difference between prompt versions with its interval", () => {
    const d = pairedDifference(10, 30, 100)!;
    expect(d.difference).toBeCloseTo(0.2);
    expect(d.interval.low).toBeCloseTo(0.2 - 1.959964 * 0.06);
    expect(d.excludesZero).toBe(true);
    expect(pairedDifference(5, 6, 100)!.excludesZero).toBe(false);
    expect(pairedDifference(0, 0, 0)).toBeNull();
  });
});
