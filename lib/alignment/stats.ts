// The statistics that decide whether a proposed prompt version replaces its parent: an exact
// paired test on the held-out items the two versions got differently right, and the level each
// test is held to when the same held-out set is tested again and again (docs/prompt-alignment.md).

/** log(n choose k), summed rather than from factorials so it stays finite for thousands of items. */
function logChoose(n: number, k: number): number {
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log(n - k + i) - Math.log(i);
  return s;
}

/** P(X <= k) for X ~ Binomial(n, 1/2), each term from the one before in log space (they are tiny for large n). */
function binomialHalfCdf(k: number, n: number): number {
  let logTerm = -n * Math.LN2;
  let total = Math.exp(logTerm);
  for (let i = 1; i <= k; i++) {
    logTerm += Math.log(n - i + 1) - Math.log(i);
    total += Math.exp(logTerm);
  }
  return Math.min(1, total);
}

/**
 * McNemar's exact test: of the b + c items exactly one version got right (b: only the parent,
 * c: only the candidate), under "no difference" each is equally likely to be either; two-sided
 * p-value. Items both got right, or both wrong, say nothing about which is better.
 */
export function mcnemarExact(b: number, c: number): number {
  const n = b + c;
  if (n === 0) return 1;
  return Math.min(1, 2 * binomialHalfCdf(Math.min(b, c), n));
}

/**
 * The one-sided version, for the question a promotion asks (is the candidate better?): the chance
 * of the candidate winning at least c of the b + c discordant items if either were as likely.
 */
export function mcnemarOneSided(b: number, c: number): number {
  return b + c === 0 ? 1 : binomialHalfCdf(b, b + c);
}

/**
 * The level of the k-th test (1-based) on one held-out set: alpha / 2^k. However many proposals
 * are tested on the same items, the chance that any version no better than its parent is promoted
 * stays below alpha (the levels add up to alpha: a Bonferroni split over an unbounded sequence).
 */
export function alphaForLook(look: number, alpha = 0.05): number {
  if (!Number.isInteger(look) || look < 1) throw new Error(`look must be a positive integer, got ${look}`);
  return alpha / 2 ** look;
}

export type PairedDecision = {
  /** Held-out gold items both versions answered. */
  n: number;
  onlyParent: number;
  onlyCandidate: number;
  /** One-sided: the candidate is no better (what promotion must reject). */
  pValue: number;
  /** Two-sided, as McNemar's test is usually reported. */
  pTwoSided: number;
  alpha: number;
  /** The one-sided test rejects "the candidate is no better" at this test's level. */
  significant: boolean;
  /** Discordant items a decision would need at the observed split (null: no gain observed, or none in reach). */
  discordantNeeded: number | null;
};

export function decide(n: number, onlyParent: number, onlyCandidate: number, alpha: number): PairedDecision {
  const pValue = mcnemarOneSided(onlyParent, onlyCandidate);
  return {
    n,
    onlyParent,
    onlyCandidate,
    pValue,
    pTwoSided: mcnemarExact(onlyParent, onlyCandidate),
    alpha,
    significant: pValue < alpha,
    discordantNeeded: discordantNeeded(onlyParent, onlyCandidate, alpha),
  };
}

/**
 * How many discordant items the one-sided exact test needs to be significant at `alpha` if the candidate
 * keeps winning the share of them it wins now: what "more gold would decide it" means. Null when
 * it wins none more than half of them (no number of items would show it better) or past 100,000.
 */
export function discordantNeeded(onlyParent: number, onlyCandidate: number, alpha: number): number | null {
  const m0 = onlyParent + onlyCandidate;
  if (m0 === 0 || onlyCandidate <= onlyParent) return null;
  const share = onlyCandidate / m0;
  const significantAt = (m: number) => mcnemarOneSided(m - Math.round(share * m), Math.round(share * m)) < alpha;
  let hi = Math.max(1, m0);
  while (!significantAt(hi)) {
    hi *= 2;
    if (hi > 100_000) return null;
  }
  let lo = 1;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (significantAt(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Anytime-valid evidence that the candidate is better, for a decision looked at after every
 * review: the e-value of a uniform mixture over the candidate's share θ of discordant items,
 * against θ = 1/2: 2^m · B(c+1, b+1). By Ville's inequality, stopping the first time it reaches
 * 1/alpha promotes a version no better than its parent with probability at most alpha, however
 * often it is looked at.
 */
export function mcnemarEValue(onlyParent: number, onlyCandidate: number): number {
  const m = onlyParent + onlyCandidate;
  // B(c+1, b+1) = c! b! / (m+1)!
  let logB = -Math.log(m + 1) - logChoose(m, onlyCandidate);
  logB += m * Math.LN2;
  return Math.exp(logB);
}
