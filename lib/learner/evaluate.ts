// Scoring learners the way the LLM is scored, and cross-fitting so that no item is ever scored by
// a model that saw its label.
import { averages, calibration, prf, wilson, type Interval } from "@/lib/stats/measures";
import { breathe, foldOf, type Example } from "@/lib/learner/train";

export type Prediction = { labels: string[]; probabilities: Record<string, number> };
export type Predictor = (text: string) => Prediction;
export type Keyed = Example & { itemId: number };

export const FOLDS = 5;

/** The same answer: the same set of labels. */
export const sameLabels = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * Out-of-fold predictions: the items are split into folds by a hash of their id; each fold is
 * predicted by a model fitted on the other folds only. `score` limits which items are predicted
 * (the blind slice); every item still trains the models of the folds it is not in. Every fold's
 * model is fitted, even one with nothing to score: the cascade answers new items with them.
 */
export async function crossFit(
  items: Keyed[],
  fit: (training: Keyed[], fold: number) => Promise<Predictor>,
  score: (item: Keyed) => boolean = () => true,
  folds = FOLDS,
): Promise<Map<number, Prediction>> {
  const out = new Map<number, Prediction>();
  for (let f = 0; f < folds; f++) {
    const held = items.filter((i) => foldOf(i.itemId, folds) === f && score(i));
    const predictor = await fit(
      items.filter((i) => foldOf(i.itemId, folds) !== f),
      f,
    );
    for (const [k, item] of held.entries()) {
      out.set(item.itemId, predictor(item.text));
      if (k % 50 === 49) await breathe();
    }
  }
  return out;
}

export type Scored = { truth: string[]; predicted: string[]; confidence: number | null };
export type Score = {
  n: number;
  accuracy: number | null;
  interval: Interval | null;
  macroF1: number | null;
  perLabel: { label: string; f1: number | null; support: number }[];
  /** Expected calibration error of the top probability (null when there are none). */
  ece: number | null;
};

/**
 * Accuracy (exact match of the label set) with its Wilson interval, per-label F1 (one label
 * against the rest, which for one label per item is the usual per-class F1), macro F1, and the
 * calibration error of the stated confidence.
 */
export function scoreOf(rows: Scored[], labels: string[]): Score {
  const correct = rows.filter((r) => sameLabels(r.truth, r.predicted)).length;
  const perLabel = labels.map((label) => {
    const tp = rows.filter((r) => r.truth.includes(label) && r.predicted.includes(label)).length;
    const predicted = rows.filter((r) => r.predicted.includes(label)).length;
    const support = rows.filter((r) => r.truth.includes(label)).length;
    return prf(label, tp, predicted, support);
  });
  const withConfidence = rows.filter((r) => r.confidence !== null);
  const BINS = 10;
  const bins = Array.from({ length: BINS }, (_, bin) => ({ bin, n: 0, confidenceSum: 0, correct: 0 }));
  for (const r of withConfidence) {
    const b = bins[Math.min(BINS - 1, Math.floor(r.confidence! * BINS))];
    b.n++;
    b.confidenceSum += r.confidence!;
    b.correct += Number(sameLabels(r.truth, r.predicted));
  }
  return {
    n: rows.length,
    accuracy: rows.length ? correct / rows.length : null,
    interval: wilson(correct, rows.length),
    macroF1: averages(perLabel).macroF1,
    perLabel: perLabel.map((p) => ({ label: p.label, f1: p.f1, support: p.support })),
    ece: withConfidence.length ? calibration(bins, BINS).ece : null,
  };
}

/** The confidence a learner states for its answer: the top class probability, or for several labels the mean certainty. */
export function confidenceOf(p: Prediction, multiLabel: boolean): number {
  const values = Object.values(p.probabilities);
  if (!multiLabel) return Math.max(...values);
  return values.reduce((s, v) => s + Math.max(v, 1 - v), 0) / Math.max(1, values.length);
}
