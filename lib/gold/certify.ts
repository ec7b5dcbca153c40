// Which suggestions may become gold without a person: the lowest confidence threshold whose error
// among the blind slice's items at or above it is, with 95% confidence, at most the budget.
//
// Why the guarantee holds. For a fixed threshold t the errors among the n_t blind items with
// confidence >= t are binomial, so the one-sided Clopper-Pearson bound U(k_t, n_t) exceeds the true
// error rate with probability at most delta. Testing many thresholds and keeping the best would
// overfit the slice; instead the thresholds are tested in a fixed sequence, from the most
// confident down, and the scan stops at the first that fails (fixed-sequence testing, as in
// "Learn then Test", Angelopoulos et al. 2021). The chance that any threshold passes wrongly is
// then at most delta, without a multiplicity correction: the first wrong pass must be the first
// false null the scan reaches. The sequence is built from the confidences alone, never from
// whether the answers were right, so it is fixed before the labels are looked at. It skips
// thresholds that cannot pass (too few items for even zero errors to meet the budget) and steps
// down by a minimum number of items, so one noisy step does not end the scan early.
import betaQuantile from "@stdlib/stats-base-dists-beta-quantile";

export const DELTA = 0.05;

/** One-sided (1 - delta) Clopper-Pearson upper bound on an error rate: k errors in n items. */
export function errorUpperBound(k: number, n: number, delta = DELTA): number {
  if (n <= 0) return 1;
  if (k >= n) return 1;
  return betaQuantile(1 - delta, k + 1, n - k);
}

/** Two-sided 95% Clopper-Pearson interval on an error rate (what the Quality page shows beside the one-sided bound). */
export function errorInterval(k: number, n: number): [number, number] {
  const lower = k === 0 ? 0 : betaQuantile(0.025, k, n - k + 1);
  const upper = k >= n ? 1 : betaQuantile(0.975, k + 1, n - k);
  return [lower, upper];
}

/** The fewest items for which even zero errors certify `budget`: 1 - delta^(1/n) <= budget. */
export function minItemsFor(budget: number, delta = DELTA): number {
  return Math.ceil(Math.log(delta) / Math.log(1 - budget));
}

export type Judged = { confidence: number; correct: boolean };
export type Step = { threshold: number; n: number; errors: number; upper: number; passed: boolean };
export type Certificate = {
  budget: number;
  /** The lowest certified threshold, or null when none is. */
  threshold: number | null;
  /** Blind items at or above it, their errors, and the bound on their error rate. */
  n: number;
  errors: number;
  upper: number | null;
  steps: Step[];
  /** When nothing is certified: blind items to add, at this error rate, for the top step to pass. */
  moreBlindNeeded: number | null;
};

/**
 * Scans thresholds from the most confident blind items down. `minStep`: the least number of new
 * items between two tested thresholds (a share of the slice, at least one).
 */
export function certifyThreshold(items: Judged[], budget: number, opts: { delta?: number; minStepShare?: number; startFactor?: number } = {}): Certificate {
  const delta = opts.delta ?? DELTA;
  const sorted = [...items].sort((a, b) => b.confidence - a.confidence);
  // The first threshold tested has a few times the items zero errors would need: at exactly that
  // many, one error, likely even well inside the budget, would end the scan at once. On a small
  // slice that many may be most of it, so the start also adapts to the slice: at most an eighth of
  // it (never below the zero-error count). Counts only, never correctness, choose it, so the
  // sequence is still fixed before any answer is read. Tuned with bench:autoaccept (coverage_ratio
  // and coverage_small).
  const zeroErrorsN = minItemsFor(budget, delta);
  const minN = firstTestedN(zeroErrorsN, sorted.length, opts.startFactor ?? 4);
  const minStep = Math.max(1, Math.round(sorted.length * (opts.minStepShare ?? 0.005)));
  const steps: Step[] = [];
  let certified: Step | null = null;
  let errors = 0;
  let lastTestedN = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (!sorted[i].correct) errors++;
    const n = i + 1;
    // A threshold is a place where the confidence changes (ties go together).
    if (n < sorted.length && sorted[i + 1].confidence === sorted[i].confidence) continue;
    if (n < minN) continue; // cannot pass whatever the answers: not part of the sequence
    if (n < sorted.length && n - lastTestedN < minStep) continue;
    lastTestedN = n;
    const upper = errorUpperBound(errors, n, delta);
    const step = { threshold: sorted[i].confidence, n, errors, upper, passed: upper <= budget };
    steps.push(step);
    if (!step.passed) break;
    certified = step;
  }
  return {
    budget,
    threshold: certified?.threshold ?? null,
    n: certified?.n ?? 0,
    errors: certified?.errors ?? 0,
    upper: certified?.upper ?? null,
    steps,
    moreBlindNeeded: certified ? null : moreBlindNeeded(steps[0], sorted.length, zeroErrorsN, budget, delta),
  };
}

/** Where the scan starts: startFactor times the zero-error count, at most an eighth of the slice, at least the zero-error count. */
export function firstTestedN(zeroErrorsN: number, sliceSize: number, startFactor: number): number {
  return Math.max(zeroErrorsN, Math.min(zeroErrorsN * startFactor, Math.round(sliceSize / 8)));
}

/**
 * How many more blind items the first step needs to pass if its error rate stays as it is (the
 * top of the slice scales with the slice), or null when its error rate is itself above the budget.
 */
function moreBlindNeeded(first: Step | undefined, total: number, minN: number, budget: number, delta: number): number | null {
  if (!first) return Math.max(0, minN - total);
  const rate = first.errors / first.n;
  if (rate >= budget) return null;
  const share = first.n / Math.max(1, total);
  for (let n = first.n; n < first.n * 1000; n = Math.ceil(n * 1.1) + 1) {
    if (errorUpperBound(Math.round(rate * n), n, delta) <= budget) return Math.max(0, Math.ceil(n / share) - total);
  }
  return null;
}
