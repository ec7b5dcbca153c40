// The statistics behind the metrics page, as pure functions over counts. The database does the
// counting (lib/metrics/queries.ts); these turn a few hundred numbers into the figures, so every
// formula here is unit-tested against hand-computed cases.

const Z95 = 1.959964;

export type Interval = { low: number; high: number };

/** Wilson score interval for k successes in n trials (95%); null when n is 0. */
export function wilson(k: number, n: number, z = Z95): Interval | null {
  if (n <= 0) return null;
  const p = k / n;
  const denom = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denom;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * How many more gold items bring the Wilson interval's half-width to `halfWidth` if accuracy stays
 * at k/n (0.5 is assumed before any gold exists, the worst case).
 */
export function moreGoldNeeded(k: number, n: number, halfWidth = 0.03): number {
  const p = n > 0 ? k / n : 0.5;
  const widthAt = (m: number) => {
    const w = wilson(p * m, m);
    return w ? (w.high - w.low) / 2 : 1;
  };
  if (n > 0 && widthAt(n) <= halfWidth) return 0;
  let lo = Math.max(1, n);
  let hi = lo;
  while (widthAt(hi) > halfWidth) hi *= 2;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (widthAt(mid) <= halfWidth) hi = mid;
    else lo = mid + 1;
  }
  return Math.max(0, lo - n);
}

export type PerLabel = { label: string; precision: number | null; recall: number | null; f1: number | null; support: number; predicted: number; tp: number };

/** Precision, recall and F1 from true positives, predicted count and gold count (null where undefined: 0/0). */
export function prf(label: string, tp: number, predicted: number, support: number): PerLabel {
  const precision = predicted > 0 ? tp / predicted : null;
  const recall = support > 0 ? tp / support : null;
  return { label, precision, recall, f1: f1Of(precision, recall), support, predicted, tp };
}

/**
 * The harmonic mean of precision and recall. Undefined only when both are (the label is in neither
 * gold nor predictions); one side undefined or zero while the other is not gives 0.
 */
export function f1Of(precision: number | null, recall: number | null): number | null {
  if (precision === null && recall === null) return null;
  return !precision || !recall ? 0 : (2 * precision * recall) / (precision + recall);
}

/**
 * Macro F1 averages over labels present in gold or predictions (a label never predicted but in
 * gold counts as F1 0); micro F1 pools the counts.
 */
export function averages(perLabel: PerLabel[]): { macroF1: number | null; microF1: number | null } {
  const relevant = perLabel.filter((l) => l.support > 0 || l.predicted > 0);
  const macroF1 = relevant.length ? relevant.reduce((s, l) => s + (l.f1 ?? 0), 0) / relevant.length : null;
  const tp = perLabel.reduce((s, l) => s + l.tp, 0);
  const predicted = perLabel.reduce((s, l) => s + l.predicted, 0);
  const support = perLabel.reduce((s, l) => s + l.support, 0);
  return { macroF1, microF1: prf("", tp, predicted, support).f1 };
}

export type Confusion = { labels: string[]; /** matrix[gold][predicted] */ matrix: number[][] };

export type ClassificationReport = {
  n: number;
  correct: number;
  accuracy: number | null;
  interval: Interval | null;
  kappa: number | null;
  perLabel: PerLabel[];
  macroF1: number | null;
  microF1: number | null;
};

/** Everything a single-label confusion matrix says: accuracy with its interval, per-label P/R/F1, Cohen's kappa. */
export function fromConfusion({ labels, matrix }: Confusion): ClassificationReport {
  const n = matrix.flat().reduce((a, b) => a + b, 0);
  const correct = labels.reduce((s, _, i) => s + matrix[i][i], 0);
  const goldTotals = matrix.map((row) => row.reduce((a, b) => a + b, 0));
  const predTotals = labels.map((_, j) => matrix.reduce((s, row) => s + row[j], 0));
  const perLabel = labels.map((label, i) => prf(label, matrix[i][i], predTotals[i], goldTotals[i]));
  return { n, correct, accuracy: n ? correct / n : null, interval: wilson(correct, n), kappa: cohensKappa(matrix), perLabel, ...averages(perLabel) };
}

/** Cohen's kappa of two raters from their square confusion matrix; 1 when both always give the same single label. */
export function cohensKappa(matrix: number[][]): number | null {
  const n = matrix.flat().reduce((a, b) => a + b, 0);
  if (!n) return null;
  const po = matrix.reduce((s, row, i) => s + row[i], 0) / n;
  const pe = matrix.reduce((s, row, i) => s + (row.reduce((a, b) => a + b, 0) / n) * (matrix.reduce((t, r) => t + r[i], 0) / n), 0);
  if (pe === 1) return po === 1 ? 1 : null;
  return (po - pe) / (1 - pe);
}

/**
 * Krippendorff's alpha for nominal data from the coincidence matrix o[c][k] (each pairable unit's
 * values counted once per ordered pair of its coders, divided by its number of values minus one).
 * Null without pairable values or when every value is the same category (no variation to explain).
 */
export function krippendorffAlphaNominal(coincidence: Map<string, Map<string, number>>): number | null {
  const cats = [...coincidence.keys()];
  const nc = new Map(cats.map((c) => [c, [...(coincidence.get(c)?.values() ?? [])].reduce((a, b) => a + b, 0)]));
  const n = [...nc.values()].reduce((a, b) => a + b, 0);
  if (n <= 1) return null;
  let observed = 0;
  let expected = 0;
  for (const c of cats) {
    for (const k of cats) {
      if (c === k) continue;
      observed += coincidence.get(c)?.get(k) ?? 0;
      expected += (nc.get(c) ?? 0) * (nc.get(k) ?? 0);
    }
  }
  if (expected === 0) return null;
  return 1 - ((n - 1) * observed) / expected;
}

export type CalibrationBin = { bin: number; n: number; confidenceSum: number; correct: number };
export type Calibration = {
  bins: { from: number; to: number; n: number; meanConfidence: number; accuracy: number }[];
  ece: number | null;
  thresholds: { threshold: number; covered: number; coverage: number; accuracy: number | null }[];
};

/** Reliability diagram, expected calibration error and auto-accept thresholds from confidence bins of width 1/binCount. */
export function calibration(rows: CalibrationBin[], binCount: number): Calibration {
  const total = rows.reduce((s, r) => s + r.n, 0);
  const sorted = [...rows].filter((r) => r.n > 0).sort((a, b) => a.bin - b.bin);
  const bins = sorted.map((r) => ({
    from: r.bin / binCount,
    to: (r.bin + 1) / binCount,
    n: r.n,
    meanConfidence: r.confidenceSum / r.n,
    accuracy: r.correct / r.n,
  }));
  const ece = total ? bins.reduce((s, b) => s + (b.n / total) * Math.abs(b.accuracy - b.meanConfidence), 0) : null;
  const thresholds = [];
  for (let t = 0; t < binCount; t++) {
    const above = sorted.filter((r) => r.bin >= t);
    const covered = above.reduce((s, r) => s + r.n, 0);
    const correct = above.reduce((s, r) => s + r.correct, 0);
    thresholds.push({ threshold: t / binCount, covered, coverage: total ? covered / total : 0, accuracy: covered ? correct / covered : null });
  }
  return { bins, ece, thresholds };
}

/**
 * Paired difference of two versions' accuracy on the same items: b = items only A got right,
 * c = items only B got right. Returns B − A with a 95% interval (Wald for paired proportions).
 */
export function pairedDifference(b: number, c: number, n: number): { difference: number; interval: Interval; excludesZero: boolean } | null {
  if (n <= 0) return null;
  const difference = (c - b) / n;
  const se = Math.sqrt(Math.max(0, b + c - ((c - b) * (c - b)) / n)) / n;
  const interval = { low: difference - Z95 * se, high: difference + Z95 * se };
  return { difference, interval, excludesZero: interval.low > 0 || interval.high < 0 };
}
