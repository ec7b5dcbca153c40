// Calibrated confidence: isotonic regression (pool-adjacent-violators) of "was the suggestion
// right" on the model's own confidence, fitted per prompt version on its blind gold only. Verbal
// confidence is over-confident and vote shares are coarse; the fitted map says how often
// suggestions at each confidence were in fact right. It is monotone, so it never reorders
// suggestions: thresholds certified on the raw order (lib/gold/certify.ts) are the same sets.
// No npm package fits (none in the registry implements isotonic regression); PAV is a few lines
// and tested against worked examples.

export type Calibrator = {
  /** Block upper edges (raw confidence) and the fitted accuracy of each block, ascending. */
  edges: number[];
  values: number[];
  /** Blind items it was fitted on. */
  n: number;
};

/** Pool adjacent violators on (confidence, right) points; blocks of equal confidence stay together. */
export function fitIsotonic(points: { confidence: number; correct: boolean }[]): Calibrator | null {
  if (!points.length) return null;
  const sorted = [...points].sort((a, b) => a.confidence - b.confidence);
  type Block = { hi: number; sum: number; n: number };
  const blocks: Block[] = [];
  for (const p of sorted) {
    const last = blocks[blocks.length - 1];
    if (last && last.hi === p.confidence) {
      last.sum += Number(p.correct);
      last.n++;
    } else blocks.push({ hi: p.confidence, sum: Number(p.correct), n: 1 });
    // Merge backwards while the mean decreases.
    while (blocks.length > 1) {
      const b = blocks[blocks.length - 1];
      const a = blocks[blocks.length - 2];
      if (a.sum / a.n <= b.sum / b.n) break;
      blocks.splice(blocks.length - 2, 2, { hi: b.hi, sum: a.sum + b.sum, n: a.n + b.n });
    }
  }
  return { edges: blocks.map((b) => b.hi), values: blocks.map((b) => b.sum / b.n), n: points.length };
}

/** The calibrated confidence of a raw one: the fitted value of the first block reaching it (the last above all). */
export function calibrate(c: Calibrator, raw: number): number {
  let lo = 0;
  let hi = c.edges.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (c.edges[mid] >= raw) hi = mid;
    else lo = mid + 1;
  }
  return c.values[lo];
}
