// Certificates over a version's life. Every finished run and every settings save applies
// auto-accept again, and nothing accepted is ever taken back, so what the promise must cover is
// the union of everything accepted under the version. Each new certificate is another chance for
// the blind slice to mislead; if each were made at the full 5%, over ten of them the union would
// exceed the budget far more often than 5% (bench:autoaccept, union_violation).
//
// Alpha-spending: the first certificate of a version is made at 0.9 delta (the first certificate
// is the one a lead waits for, and bench:autoaccept's coverage_ratio is measured on it), the j-th
// after it at 0.1 delta / (j (j - 1)). These sum to delta (the second part telescopes to
// 0.1 delta), so every certificate the version ever gets holds at once with probability at least 95%;
// everything accepted is then accepted above some threshold whose region's error is within the
// budget, and a mix of such regions is within it too. A new certificate (a new look, spending its
// share) is made only when it can say something new: another version took over, the budget or the
// per-label budgets changed, or the blind evidence doubled (a later look spends far less, so it
// needs much more evidence to say more). Otherwise the certificate in force is kept and applied to
// the new candidates (new items above its threshold).
import { DELTA } from "@/lib/gold/certify";

/** The blind slice must grow by this factor before a version is certified again. */
export const RECERTIFY_GROWTH = 2;

/** Of delta, the share the first certificate of a version may spend; the rest is spread over all later ones. */
export const FIRST_LOOK_SHARE = 0.9;

/** The error probability the look-th certificate of a version may spend. */
export const deltaForLook = (look: number, delta = DELTA) => (look === 1 ? FIRST_LOOK_SHARE * delta : ((1 - FIRST_LOOK_SHARE) * delta) / (look * (look - 1)));

export type LookBasis = { versionId: string; budget: number; blindItems: number; budgetsKey: string };
export type PreviousLook = LookBasis & { look: number };

/** Which look a certificate made now would be: the same one kept (reuse), or the next. */
export function nextLook(previous: PreviousLook | null, now: LookBasis): { look: number; reuse: boolean } {
  if (!previous || previous.versionId !== now.versionId) return { look: 1, reuse: false };
  const sameTerms = previous.budget === now.budget && previous.budgetsKey === now.budgetsKey;
  if (sameTerms && now.blindItems < previous.blindItems * RECERTIFY_GROWTH) return { look: previous.look, reuse: true };
  return { look: previous.look + 1, reuse: false };
}
