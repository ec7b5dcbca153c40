// The audit's statistics: an interval on the audited error that stays valid however often it is
// looked at. The audit is checked after every audited decision, so a fixed-n bound (Clopper-
// Pearson) looked at again and again would, sooner or later, cross any line by chance; here the
// interval is a confidence sequence: with probability at least 95%, the true error lies inside it
// at every look at once.
//
// Construction (Robbins' beta-binomial mixture; Howard, Ramdas, McAuliffe, Sekhon 2021, "Time-
// uniform, nonparametric, nonasymptotic confidence sequences", section 3): for a candidate error p,
//   M_n(p) = B(k + a, n - k + b) / B(a, b) / (p^k (1 - p)^(n - k))
// is the mixture over q ~ Beta(a, b) of the likelihood ratio of q against p after n audited items
// with k wrong. Under p it is a nonnegative martingale starting at 1, so by Ville's inequality
// P(M_n(p) >= 1/alpha for some n) <= alpha. The confidence sequence is {p : M_n(p) < 1/alpha}, an
// interval because log M_n is convex in p. Its ends are found by bisection.
//
// The audit acts on it in both directions: it pauses auto-accept when the whole interval lies above
// the budget (evidence that the accepted labels' error is over it), and a paused version resumes
// when the interval of the items audited since the pause lies wholly at or below the budget. A
// version whose accepted labels are within budget is paused with probability at most 5% over its
// whole life, and an over-budget one resumes with probability at most 5%.
import gammaln from "@stdlib/math-base-special-gammaln";

export const AUDIT_ALPHA = 0.05;
/**
 * The mixing prior Beta(1/2, 4): most of its weight on error rates of a few percent to a few tens
 * of percent, where budgets and the errors that should pause them lie. Any prior keeps the
 * guarantee; this one makes the interval tight where it matters (bench:autoaccept).
 */
export const PRIOR = { a: 0.5, b: 4 } as const;

const logBeta = (a: number, b: number) => gammaln(a) + gammaln(b) - gammaln(a + b);

/** log M_n(p): the mixture's log likelihood ratio against p after k wrong of n. */
export function logMixtureRatio(k: number, n: number, p: number, prior: { a: number; b: number } = PRIOR): number {
  const logLikelihood = (k > 0 ? k * Math.log(p) : 0) + (n - k > 0 ? (n - k) * Math.log1p(-p) : 0);
  return logBeta(k + prior.a, n - k + prior.b) - logBeta(prior.a, prior.b) - logLikelihood;
}

/** The anytime-valid (1 - alpha) interval on the error after k wrong of n audited items ([0, 1] before any). */
export function confidenceSequence(k: number, n: number, alpha = AUDIT_ALPHA, prior: { a: number; b: number } = PRIOR): [number, number] {
  if (n <= 0) return [0, 1];
  const limit = Math.log(1 / alpha);
  const inside = (p: number) => logMixtureRatio(k, n, p, prior) < limit;
  // The likelihood's maximum, k / n, is always inside (M_n there is at most 1); bisect each side.
  const centre = Math.min(Math.max(k / n, 1e-12), 1 - 1e-12);
  const edge = (outside: number) => {
    let a = centre;
    let b = outside;
    if (inside(b)) return b;
    for (let i = 0; i < 60; i++) {
      const m = (a + b) / 2;
      if (inside(m)) a = m;
      else b = m;
    }
    return a;
  };
  return [k === 0 ? 0 : edge(0), k === n ? 1 : edge(1)];
}

export type AuditVerdict = {
  n: number;
  errors: number;
  /** The anytime-valid 95% interval on the audited error. */
  interval: [number, number];
  /** The whole interval is above the budget: evidence of too many errors. */
  over: boolean;
  /** The whole interval is at or below the budget: evidence that the error is within it. */
  within: boolean;
};

/**
 * The budget lies outside the interval when the mixture's ratio against it reaches 1/alpha; the
 * interval holds k / n, so it is then wholly above the budget (k / n > budget) or wholly below.
 * Decided from one ratio, exactly, not from the bisected ends (which are for display).
 */
const budgetOutside = (errors: number, n: number, budget: number, alpha: number) => n > 0 && logMixtureRatio(errors, n, budget) >= Math.log(1 / alpha);

/** Evidence the audited error is above the budget (pause). */
export const auditOver = (errors: number, n: number, budget: number, alpha = AUDIT_ALPHA) =>
  errors / Math.max(1, n) > budget && budgetOutside(errors, n, budget, alpha);
/** Evidence the audited error is at or below the budget (resume). */
export const auditWithin = (errors: number, n: number, budget: number, alpha = AUDIT_ALPHA) =>
  errors / Math.max(1, n) <= budget && budgetOutside(errors, n, budget, alpha);

export function auditVerdict(errors: number, n: number, budget: number, alpha = AUDIT_ALPHA): AuditVerdict {
  return {
    n,
    errors,
    interval: confidenceSequence(errors, n, alpha),
    over: auditOver(errors, n, budget, alpha),
    within: auditWithin(errors, n, budget, alpha),
  };
}

/**
 * The fewest further audited items, all right, after which the interval would lie at or below the
 * budget (what resumes a paused version, or shows a healthy one within budget); null beyond 100,000.
 */
export function itemsToShowWithin(errors: number, n: number, budget: number, alpha = AUDIT_ALPHA): number | null {
  const fits = (extra: number) => auditWithin(errors, n + extra, budget, alpha);
  if (fits(0)) return 0;
  let hi = 1;
  while (!fits(hi)) {
    hi *= 2;
    if (hi > 100_000) return null;
  }
  let lo = Math.floor(hi / 2);
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (fits(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}
