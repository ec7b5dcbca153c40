// The ordinal figures against references computed elsewhere, copied here:
// - quadratic weighted kappa: scikit-learn 1.2.1, cohen_kappa_score(a, b, labels=[1, 2, 3, 4, 5], weights="quadratic");
// - Krippendorff's alpha: the worked example of Krippendorff (2011), "Computing Krippendorff's
//   Alpha-Reliability" (4 observers, 12 units, missing values), whose published values are
//   nominal 0.743, ordinal 0.815 and interval 0.849.
import { describe, expect, it } from "vitest";
import {
  bootstrapInterval,
  exactAgreement,
  krippendorffAlpha,
  meanAbsoluteError,
  meanSignedDifference,
  ordinalAgreement,
  quadraticWeightedKappa,
  withinOne,
  type RatingPair,
} from "@/lib/stats/ordinal";

const LEVELS = [1, 2, 3, 4, 5];
const pairsOf = (a: number[], b: number[]): RatingPair[] => a.map((x, i) => ({ a: x, b: b[i] }));

const SKLEARN_QWK: [string, number[], number[], number][] = [
  ["perfect", [1, 2, 3, 4, 5], [1, 2, 3, 4, 5], 1.0],
  ["off by one", [1, 2, 3, 4, 5, 3, 2, 4], [2, 2, 3, 5, 4, 3, 1, 4], 0.8333333333333334],
  ["lenient", [4, 5, 5, 3, 4, 5, 2, 4, 3, 5], [3, 4, 5, 2, 4, 4, 2, 3, 3, 4], 0.7272727272727273],
  ["sparse levels", [1, 1, 5, 5, 3, 2], [1, 2, 5, 4, 1, 2], 0.8064516129032258],
];

// Krippendorff (2011), section C: rows are observers A-D, columns units 1-12, null = no value.
const OBSERVERS = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
  [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
];
const UNITS = OBSERVERS[0].map((_, u) => OBSERVERS.map((o) => o[u]).filter((v): v is number => v !== null));

describe("ordinal agreement", () => {
  it("quadratic weighted kappa equals scikit-learn's", () => {
    for (const [name, a, b, expected] of SKLEARN_QWK) expect(quadraticWeightedKappa(pairsOf(a, b), LEVELS), name).toBeCloseTo(expected, 12);
    expect(quadraticWeightedKappa([{ a: 3, b: 3 }], LEVELS)).toBeNull(); // one level only: chance explains everything
  });

  it("Krippendorff's alpha equals the published worked example, for nominal, ordinal and interval data", () => {
    expect(krippendorffAlpha(UNITS, "nominal")).toBeCloseTo(0.743, 3);
    expect(krippendorffAlpha(UNITS, "ordinal")).toBeCloseTo(0.815, 3);
    expect(krippendorffAlpha(UNITS, "interval")).toBeCloseTo(0.849, 3);
    expect(
      krippendorffAlpha(
        [
          [2, 2],
          [2, 2],
        ],
        "ordinal",
      ),
    ).toBeNull();
    expect(krippendorffAlpha([[1], [2]], "ordinal")).toBeNull(); // no unit has two values
  });

  it("says how often, how far and which way the ratings differ, with intervals", () => {
    const pairs = pairsOf([4, 5, 5, 3, 4, 5, 2, 4, 3, 5], [3, 4, 5, 2, 4, 4, 2, 3, 3, 4]);
    expect(exactAgreement(pairs)!.value).toBeCloseTo(0.4, 12);
    expect(withinOne(pairs)!.value).toBe(1);
    expect(meanAbsoluteError(pairs)!.value).toBeCloseTo(0.6, 12);
    const bias = meanSignedDifference(pairs)!;
    expect(bias.value).toBeCloseTo(0.6, 12); // the first rater is lenient
    // sd of the differences (0.5164) / sqrt(10) * 1.96
    expect(bias.interval!.low).toBeCloseTo(0.6 - (1.959963984540054 * 0.5163977794943222) / Math.sqrt(10), 10);
    expect(bias.interval!.low).toBeGreaterThan(0);
    const e = exactAgreement(pairs)!;
    expect(e.interval!.low).toBeLessThan(0.4);
    expect(e.interval!.high).toBeGreaterThan(0.4);
  });

  it("gives kappa and alpha a seeded bootstrap interval around the estimate, the same on every run", () => {
    const a = [1, 2, 3, 4, 5, 3, 2, 4, 5, 1, 2, 3, 4, 4, 3, 2, 5, 5, 1, 3];
    const b = [2, 2, 3, 5, 4, 3, 1, 4, 5, 1, 3, 3, 4, 3, 3, 2, 4, 5, 2, 3];
    const all = ordinalAgreement(pairsOf(a, b), LEVELS);
    for (const figure of [all.quadraticKappa!, all.alphaOrdinal!]) {
      expect(figure.interval!.low).toBeLessThan(figure.value);
      expect(figure.interval!.high).toBeGreaterThan(figure.value);
      expect(figure.interval!.high).toBeLessThanOrEqual(1);
    }
    expect(ordinalAgreement(pairsOf(a, b), LEVELS)).toEqual(all);
    expect(all.n).toBe(20);
    expect(bootstrapInterval([{ a: 3, b: 3 }], (s) => s.length)).toBeNull();
  });
});
