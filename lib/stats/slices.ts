// Which slices of a project (by a metadata field) are significantly worse than the rest, as pure
// functions over counts. Many slices are compared at once, so the p-values are corrected with
// Holm's step-down method: the chance that *any* flag on the page is false stays at most `alpha`,
// whatever the other slices do. That is the promise a lead can act on without knowing statistics.
import hypergeometricCdf from "@stdlib/stats-base-dists-hypergeometric-cdf";
import chisquareCdf from "@stdlib/stats-base-dists-chisquare-cdf";
import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import { wilson, type Interval } from "@/lib/stats/measures";

/** A slice's count: `hits` of `n` (right answers, or items people agreed on). */
export type SliceCount = { key: string; n: number; hits: number };

export type SliceTest = SliceCount & {
  rate: number | null;
  interval: Interval | null;
  /** The rest of the project: every other slice together. */
  rest: { n: number; rate: number | null };
  /** One-sided p-value of "this slice's rate is below the rest's"; null when not tested. */
  p: number | null;
  /** Holm-adjusted p-value (compare with alpha directly); null when not tested. */
  adjustedP: number | null;
  worse: boolean;
};

export type SliceReport = {
  slices: SliceTest[];
  tested: number;
  alpha: number;
  minN: number;
  /**
   * How much worse than the rest a slice of the typical (median) tested size must be to be flagged
   * 8 times in 10, by the normal approximation: what "nothing flagged" can and cannot rule out.
   */
  detectableGap: number | null;
};

/**
 * One-sided test of "a/n is below b/m": Fisher's exact test (given the margins, the slice's hits
 * are hypergeometric) with Lancaster's mid-p, which halves the weight of the observed count. The
 * normal approximation was tried first and flagged about 1 project in 9 with no worse slice when
 * accuracy is high (few errors per slice: a skewed count); the plain exact test is valid but
 * conservative. Mid-p keeps the false flags under alpha in the simulation (scripts/bench-slices.ts).
 */
export function worseThanRest(a: number, n: number, b: number, m: number): number | null {
  if (n === 0 || m === 0) return null;
  const cdf = (x: number) => (x < 0 ? 0 : hypergeometricCdf(x, n + m, a + b, n));
  return (cdf(a) + cdf(a - 1)) / 2;
}

/** Slices smaller than this are shown with their interval but not tested: too few to tell a worse slice from chance. */
export const MIN_TESTED_SLICE = 20;

/** Holm's step-down adjustment of p-values (monotone, capped at 1), in the input order. */
export function holm(ps: number[]): number[] {
  const order = ps.map((p, i) => ({ p, i })).sort((x, y) => x.p - y.p);
  const adjusted = new Array<number>(ps.length);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (ps.length - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}

/** Each slice's rate and interval, tested against the rest, flagged when worse after Holm's correction. */
export function testSlices(counts: SliceCount[], alpha = 0.05, minN = MIN_TESTED_SLICE): SliceReport {
  const total = counts.reduce((s, c) => ({ n: s.n + c.n, hits: s.hits + c.hits }), { n: 0, hits: 0 });
  const tested = counts.map((c) => (c.n >= minN && total.n - c.n >= minN ? worseThanRest(c.hits, c.n, total.hits - c.hits, total.n - c.n) : null));
  const testedIndex = tested.flatMap((p, i) => (p === null ? [] : [i]));
  const adjusted = holm(testedIndex.map((i) => tested[i]!));
  const adjustedByIndex = new Map(testedIndex.map((i, k) => [i, adjusted[k]]));
  const slices = counts.map((c, i) => {
    const restN = total.n - c.n;
    const adjustedP = adjustedByIndex.get(i) ?? null;
    return {
      ...c,
      rate: c.n ? c.hits / c.n : null,
      interval: wilson(c.hits, c.n),
      rest: { n: restN, rate: restN ? (total.hits - c.hits) / restN : null },
      p: tested[i],
      adjustedP,
      worse: adjustedP !== null && adjustedP <= alpha,
    };
  });
  const sizes = testedIndex.map((i) => counts[i].n).sort((a, b) => a - b);
  const typical = sizes[Math.floor(sizes.length / 2)];
  const detectableGap = sizes.length ? gapFoundEightInTen(typical, total.n - typical, total.hits / total.n, alpha / sizes.length) : null;
  return { slices, tested: testedIndex.length, alpha, minN, detectableGap };
}

/**
 * The gap d at which a one-sided test at level `level` (Holm's first step: alpha over the slices)
 * flags a slice of n items against a rest of m with probability 0.8, the rest's rate being p:
 * the statistic's spread under the null (pooled) and under the gap differ, so d is found by bisection.
 */
export function gapFoundEightInTen(n: number, m: number, p: number, level: number): number | null {
  if (n <= 0 || m <= 0 || p <= 0) return null;
  const zLevel = normalQuantile(1 - level, 0, 1);
  const zPower = normalQuantile(0.8, 0, 1);
  const power = (d: number) => {
    const q = p - d;
    const pooled = (n * q + m * p) / (n + m);
    const null0 = Math.sqrt(pooled * (1 - pooled) * (1 / n + 1 / m));
    const spread = Math.sqrt((q * (1 - q)) / n + (p * (1 - p)) / m);
    return spread ? (d - zLevel * null0) / spread : Infinity;
  };
  if (power(p) < zPower) return null; // not even a slice that is always wrong would be found
  let lo = 0;
  let hi = p;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (power(mid) >= zPower) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * Does a sample (the blind slice) have the make-up of the whole (the project's items) on a field?
 * Pearson's chi-square goodness of fit of the sample's counts against the whole's shares; categories
 * the whole barely has are pooled so each expected count is at least 5. Null when there is too little.
 */
export function makeUpTest(sample: number[], whole: number[]): { chiSquare: number; df: number; p: number } | null {
  const n = sample.reduce((a, b) => a + b, 0);
  const total = whole.reduce((a, b) => a + b, 0);
  if (n === 0 || total === 0) return null;
  const cells: { observed: number; expected: number }[] = [];
  let pending = { observed: 0, expected: 0 };
  const order = whole.map((w, i) => i).sort((a, b) => whole[b] - whole[a]);
  for (const i of order) {
    pending = { observed: pending.observed + sample[i], expected: pending.expected + (n * whole[i]) / total };
    if (pending.expected >= 5) {
      cells.push(pending);
      pending = { observed: 0, expected: 0 };
    }
  }
  if (pending.expected > 0 && cells.length) {
    const last = cells[cells.length - 1];
    cells[cells.length - 1] = { observed: last.observed + pending.observed, expected: last.expected + pending.expected };
  }
  if (cells.length < 2) return null;
  const chiSquare = cells.reduce((s, c) => s + (c.observed - c.expected) ** 2 / c.expected, 0);
  const df = cells.length - 1;
  return { chiSquare, df, p: 1 - chisquareCdf(chiSquare, df) };
}
