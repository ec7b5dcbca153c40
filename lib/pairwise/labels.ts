// A pairwise project's labels are fixed: which of the two responses is better, or a tie, and, when
// the lead turns it on, "both bad". Values keep them in canonical order ({"label": "A"} means the
// response imported as A), whatever order a person or the judge was shown.

export const PAIRWISE_LABEL_NAMES = ["A", "B", "tie", "both_bad"] as const;
export type PairwiseLabel = (typeof PAIRWISE_LABEL_NAMES)[number];

const FIXED = [
  { name: "A", description: "Response A is better.", color: "#2563eb", hotkey: "a" },
  { name: "B", description: "Response B is better.", color: "#d97706", hotkey: "b" },
  { name: "tie", description: "Both responses are equally good.", color: "#4b5563", hotkey: "t" },
  { name: "both_bad", description: "Both responses are bad: neither should be preferred.", color: "#dc2626", hotkey: "n" },
] as const;

/** The labels a pairwise project has: A, B, tie, and both_bad when the lead allows it. */
export function pairwiseLabels(bothBad: boolean): { name: string; description: string; color: string; hotkey: string | null; scale: null }[] {
  return FIXED.filter((l) => bothBad || l.name !== "both_bad").map((l) => ({ ...l, scale: null }));
}

/** The other side's label: what a value means when the two responses are shown the other way round. */
export function swapSides(label: string): string {
  return label === "A" ? "B" : label === "B" ? "A" : label;
}
