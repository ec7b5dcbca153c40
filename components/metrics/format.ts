export const pct = (x: number | null | undefined, digits = 1) => (x === null || x === undefined ? "—" : `${(x * 100).toFixed(digits)}%`);
export const num = (x: number | null | undefined, digits = 3) => (x === null || x === undefined ? "—" : x.toFixed(digits));
export const usd = (x: number | null | undefined) => (x === null || x === undefined ? "—" : `$${x < 0.01 ? x.toFixed(5) : x.toFixed(4)}`);

/** One-line explanations, shown on hover next to each figure. */
export const EXPLAIN = {
  accuracy: "Share of gold items where the model's answer equals the gold value; the range is a 95% Wilson interval.",
  kappa: "Cohen's kappa: agreement between model and gold beyond what chance would give (1 perfect, 0 chance).",
  macroF1: "F1 averaged over labels, each label counting the same.",
  microF1: "F1 from counts pooled over all labels; frequent labels weigh more.",
  alpha: "Krippendorff's alpha (nominal) among annotators on items reviewed more than once (1 perfect, 0 chance).",
  ece: "Expected calibration error: average gap between confidence and observed accuracy, weighted by items per bin.",
  moreGold: "Gold items to add so the accuracy interval narrows to ±3 points, if accuracy stays where it is.",
  exactMatch: "Share of items whose whole label set equals gold.",
  hamming: "Share of (item, label) decisions the model got wrong.",
  blind: "Reviewed without seeing the suggestion: free of anchoring bias.",
  assisted: "Reviewed with the suggestion shown: people tend to accept it, so this can flatter the model.",
  threshold: "If every suggestion at or above this confidence were accepted without review: how many items that covers and how accurate they are.",
  acceptance: "Of reviewed suggestions with this label: accepted unchanged vs corrected.",
  throughput: "Items per hour of review time, and the median seconds spent on an item.",
} as const;
