import { describe, expect, it } from "vitest";
import { certifyPerLabel, perLabelMode, type LabelBudget, type LabelJudged } from "@/lib/gold/per-label";
import { errorInterval, minItemsFor } from "@/lib/gold/certify";

const items = (label: string, confidence: number, n: number, wrong: number): LabelJudged[] =>
  Array.from({ length: n }, (_, i) => ({ label, confidence, correct: i >= wrong }));
const budgets = (...spec: [string, number, boolean][]): LabelBudget[] => spec.map(([label, budget, own]) => ({ label, budget, own }));

describe("per-label budgets", () => {
  it("certifies each label on its own blind items at delta / labels (Bonferroni), worked by hand", () => {
    // At 5%: zero errors need 59 items at delta 0.05, 72 at 0.025 (0.95^72 = 0.0249 <= 0.025 < 0.95^71).
    expect(minItemsFor(0.05, 0.025)).toBe(72);
    const judged = [...items("spam", 0.9, 65, 0), ...items("ham", 0.9, 100, 0)];
    const two = certifyPerLabel(judged, budgets(["spam", 0.05, true], ["ham", 0.05, false]));
    // 65 error-free "spam" items would pass alone, but not as one of two claims made at once.
    expect(two[0]).toMatchObject({ label: "spam", blindItems: 65, threshold: null, moreBlindNeeded: 7, confidence: 0.975 });
    expect(two[1]).toMatchObject({ label: "ham", blindItems: 100, threshold: 0.9, n: 100, errors: 0, own: false });
    expect(two[1].upper).toBeCloseTo(1 - 0.025 ** (1 / 100), 10);
    const one = certifyPerLabel(items("spam", 0.9, 65, 0), budgets(["spam", 0.05, true]));
    expect(one[0]).toMatchObject({ threshold: 0.9, n: 65, confidence: 0.95 });
  });

  it("holds each label to its own budget: one label's mistakes do not stop another", () => {
    const judged = [...items("spam", 0.9, 200, 6), ...items("ham", 0.9, 200, 0)];
    const [spam, ham] = certifyPerLabel(judged, budgets(["spam", 0.01, true], ["ham", 0.05, false]));
    expect(spam.threshold).toBeNull();
    // At 1% and delta 0.025 even zero errors need 368 items: 168 more before "spam" can be tested.
    expect(spam.moreBlindNeeded).toBe(minItemsFor(0.01, 0.025) - 200);
    expect(minItemsFor(0.01, 0.025)).toBe(368);
    expect(ham.threshold).toBe(0.9);
    // Suggestions naming no label (other task types) belong to none.
    expect(certifyPerLabel([{ label: null, confidence: 0.9, correct: true }], budgets(["spam", 0.05, true]))[0].blindItems).toBe(0);
  });

  it("is on only for single-valued projects with some label's own budget", () => {
    expect(perLabelMode(true, budgets(["a", 0.05, false], ["b", 0.01, true]))).toBe(true);
    expect(perLabelMode(true, budgets(["a", 0.05, false]))).toBe(false);
    expect(perLabelMode(false, budgets(["a", 0.01, true]))).toBe(false);
  });
});

describe("audit interval", () => {
  it("is the two-sided 95% Clopper-Pearson interval", () => {
    expect(errorInterval(0, 10)[0]).toBe(0);
    expect(errorInterval(0, 10)[1]).toBeCloseTo(1 - 0.025 ** (1 / 10), 10);
    expect(errorInterval(10, 10)[0]).toBeCloseTo(0.025 ** (1 / 10), 10);
    expect(errorInterval(10, 10)[1]).toBe(1);
    // 5 of 100: the exact interval is 1.64%–11.28%.
    const [lo, hi] = errorInterval(5, 100);
    expect(lo).toBeCloseTo(0.0164, 4);
    expect(hi).toBeCloseTo(0.1128, 4);
  });
});
