// Agreement on an ordinal scale: a rubric criterion's levels (1-5, say), rated by the model and by
// people, or by two people. Exact agreement is the error auto-accept can budget; the others say
// how far apart the ratings are when they differ, and whether the model leans one way (its bias).
// Each figure comes with a 95% interval: Wilson for rates, a normal interval for means, and a
// seeded percentile bootstrap over items for kappa and alpha (their sampling distributions have
// no simple closed form; the same data gives the same interval on every run).
import { seededRandom } from "@/lib/random";
import { wilson, type Interval } from "@/lib/stats/measures";

/** One item rated twice: `a` by the model (or a first rater), `b` by gold (or a second rater). */
export type RatingPair = { a: number; b: number };
export type Estimate = { value: number; interval: Interval | null };

const Z95 = 1.959963984540054;
const BOOTSTRAP_SAMPLES = 1000;

/** Share of items rated the same. */
export function exactAgreement(pairs: RatingPair[]): Estimate | null {
  if (!pairs.length) return null;
  const k = pairs.filter((p) => p.a === p.b).length;
  return { value: k / pairs.length, interval: wilson(k, pairs.length) };
}

/** Share of items whose ratings are at most one level apart. */
export function withinOne(pairs: RatingPair[]): Estimate | null {
  if (!pairs.length) return null;
  const k = pairs.filter((p) => Math.abs(p.a - p.b) <= 1).length;
  return { value: k / pairs.length, interval: wilson(k, pairs.length) };
}

function meanWithInterval(xs: number[]): Estimate | null {
  const n = xs.length;
  if (!n) return null;
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  if (n < 2) return { value: mean, interval: null };
  const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
  const half = (Z95 * sd) / Math.sqrt(n);
  return { value: mean, interval: { low: mean - half, high: mean + half } };
}

/** Mean absolute difference in levels. */
export const meanAbsoluteError = (pairs: RatingPair[]) => meanWithInterval(pairs.map((p) => Math.abs(p.a - p.b)));

/** Mean of a - b: above 0, the model rates higher than gold (lenient); below, harsher. */
export const meanSignedDifference = (pairs: RatingPair[]) => meanWithInterval(pairs.map((p) => p.a - p.b));

/**
 * Cohen's kappa with quadratic weights over the scale's levels, as scikit-learn's
 * cohen_kappa_score(a, b, labels=levels, weights="quadratic") computes it: distances are between
 * the levels' positions on the scale. Null when chance alone would give every pair the same level.
 */
export function quadraticWeightedKappa(pairs: RatingPair[], levels: number[]): number | null {
  const index = new Map(levels.map((l, i) => [l, i]));
  const k = levels.length;
  const observed = levels.map(() => levels.map(() => 0));
  let n = 0;
  for (const p of pairs) {
    const i = index.get(p.a);
    const j = index.get(p.b);
    if (i === undefined || j === undefined) continue;
    observed[i][j]++;
    n++;
  }
  if (!n) return null;
  const rows = observed.map((r) => r.reduce((s, x) => s + x, 0));
  const cols = levels.map((_, j) => observed.reduce((s, r) => s + r[j], 0));
  let disagreeObserved = 0;
  let disagreeExpected = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const w = (i - j) ** 2;
      disagreeObserved += w * observed[i][j];
      disagreeExpected += (w * rows[i] * cols[j]) / n;
    }
  }
  if (disagreeExpected === 0) return null;
  return 1 - disagreeObserved / disagreeExpected;
}

export type AlphaMetric = "nominal" | "ordinal" | "interval";

/**
 * Krippendorff's alpha over units (items), each with the values its raters gave (any number of
 * raters; a unit with fewer than two values is not pairable and is left out), following
 * Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability". Ordinal distances are built
 * from the values' frequencies between the two levels. Null without variation to explain.
 */
export function krippendorffAlpha(units: number[][], metric: AlphaMetric): number | null {
  const pairable = units.filter((u) => u.length >= 2);
  const values = [...new Set(pairable.flat())].sort((x, y) => x - y);
  const at = new Map(values.map((v, i) => [v, i]));
  const coincidence = values.map(() => values.map(() => 0));
  for (const u of pairable) {
    for (let i = 0; i < u.length; i++) for (let j = 0; j < u.length; j++) if (i !== j) coincidence[at.get(u[i])!][at.get(u[j])!] += 1 / (u.length - 1);
  }
  const totals = coincidence.map((row) => row.reduce((s, x) => s + x, 0));
  const n = totals.reduce((s, x) => s + x, 0);
  if (n <= 1) return null;
  const delta = distance(metric, values, totals);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < values.length; c++) {
    for (let k = 0; k < values.length; k++) {
      observed += coincidence[c][k] * delta(c, k);
      expected += totals[c] * totals[k] * delta(c, k);
    }
  }
  if (expected === 0) return null;
  return 1 - ((n - 1) * observed) / expected;
}

/** The squared difference between the values at positions c and k, by the metric. */
function distance(metric: AlphaMetric, values: number[], totals: number[]): (c: number, k: number) => number {
  if (metric === "nominal") return (c, k) => (c === k ? 0 : 1);
  if (metric === "interval") return (c, k) => (values[c] - values[k]) ** 2;
  return (c, k) => {
    const [lo, hi] = c < k ? [c, k] : [k, c];
    let between = 0;
    for (let g = lo; g <= hi; g++) between += totals[g];
    return (between - (totals[c] + totals[k]) / 2) ** 2;
  };
}

/** A 95% percentile bootstrap interval of `statistic` over items, resampled with a fixed seed. */
export function bootstrapInterval<T>(items: T[], statistic: (sample: T[]) => number | null, seed = 20261207): Interval | null {
  if (items.length < 2) return null;
  const random = seededRandom(seed);
  const estimates: number[] = [];
  for (let b = 0; b < BOOTSTRAP_SAMPLES; b++) {
    const sample = items.map(() => items[Math.floor(random() * items.length)]);
    const value = statistic(sample);
    if (value !== null && Number.isFinite(value)) estimates.push(value);
  }
  // Too many resamples without variation (every rating the same): no honest interval.
  if (estimates.length < BOOTSTRAP_SAMPLES * 0.9) return null;
  estimates.sort((x, y) => x - y);
  const pick = (q: number) => estimates[Math.min(estimates.length - 1, Math.max(0, Math.round(q * (estimates.length - 1))))];
  return { low: pick(0.025), high: pick(0.975) };
}

/** Every figure for one criterion, model against gold. */
export function ordinalAgreement(pairs: RatingPair[], levels: number[]) {
  const kappa = quadraticWeightedKappa(pairs, levels);
  const units = (sample: RatingPair[]) => sample.map((p) => [p.a, p.b]);
  const alpha = krippendorffAlpha(units(pairs), "ordinal");
  return {
    n: pairs.length,
    exact: exactAgreement(pairs),
    withinOne: withinOne(pairs),
    meanAbsoluteError: meanAbsoluteError(pairs),
    bias: meanSignedDifference(pairs),
    quadraticKappa: kappa === null ? null : { value: kappa, interval: bootstrapInterval(pairs, (s) => quadraticWeightedKappa(s, levels)) },
    alphaOrdinal: alpha === null ? null : { value: alpha, interval: bootstrapInterval(pairs, (s) => krippendorffAlpha(units(s), "ordinal")) },
  };
}
