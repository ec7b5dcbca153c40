// Per-label error budgets (single-valued projects: single-label and pairwise). When any label has
// its own budget, each label is certified on its own: the blind items whose suggestion named that
// label get their own fixed-sequence scan (lib/gold/certify.ts) against that label's budget (its
// own, or the project's). Suggestions of a label are then accepted only at or above its threshold.
//
// Why the statement still holds. m labels make m claims; each scan runs at delta / m (Bonferroni),
// so all of them hold together with probability at least 1 - delta (95%). m is the number of the
// project's labels, fixed before any answer is looked at. A label's budget may not exceed the
// project's (checked when saved), so when every label's error is within its budget the error of
// everything accepted, a mix of the labels, is within the project's budget too.
import { certifyThreshold, DELTA, type Judged } from "@/lib/gold/certify";

export type LabelBudget = { label: string; budget: number; own: boolean };
export type LabelJudged = Judged & { label: string | null };

export type LabelCertificate = {
  label: string;
  budget: number;
  /** The label has its own budget (false: the project's applies). */
  own: boolean;
  /** Blind items whose suggestion named the label. */
  blindItems: number;
  threshold: number | null;
  n: number;
  errors: number;
  upper: number | null;
  moreBlindNeeded: number | null;
  /** The confidence level each label's scan ran at (1 - delta / m). */
  confidence: number;
};

/** Per-label mode is on when the task has one label per value and some label has its own budget. */
export const perLabelMode = (singleValued: boolean, budgets: LabelBudget[]) => singleValued && budgets.some((b) => b.own);

/** One fixed-sequence scan per label at delta / (number of labels). */
export function certifyPerLabel(judged: LabelJudged[], budgets: LabelBudget[], delta = DELTA): LabelCertificate[] {
  const each = delta / Math.max(1, budgets.length);
  return budgets.map(({ label, budget, own }) => {
    const mine = judged.filter((j) => j.label === label);
    const c = certifyThreshold(mine, budget, { delta: each });
    return {
      label,
      budget,
      own,
      blindItems: mine.length,
      threshold: c.threshold,
      n: c.n,
      errors: c.errors,
      upper: c.upper,
      moreBlindNeeded: c.moreBlindNeeded,
      confidence: 1 - each,
    };
  });
}
