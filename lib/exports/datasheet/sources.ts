// Where each exported row's label came from, in the datasheet's terms. The export tallies its rows
// with `sourceOf` as it writes them, so the datasheet's counts are the file's, row for row.
import type { ExportRow } from "@/lib/exports/rows";

export const SOURCES = {
  reviewed: "Reviewed by people (one reviewer, or several who agreed)",
  adjudicated: "Adjudicated or corrected by a lead",
  imported: "Imported with the items (labels the team already had)",
  reference: "A reference label only (imported for comparison, not reviewed)",
  auto_accepted: "Accepted automatically under the error-budget certificate (not reviewed)",
  llm_unreviewed: "The LLM's suggestion, not reviewed",
  synthetic: "Synthetic items written by the LLM and kept by reviewers",
  unlabeled: "No label",
} as const;

export type Source = keyof typeof SOURCES;
export type SourceCounts = Record<Source, number>;

export const emptyCounts = (): SourceCounts => Object.fromEntries(Object.keys(SOURCES).map((k) => [k, 0])) as SourceCounts;

const BY_GOLD_SOURCE: Record<string, Source> = {
  SINGLE_REVIEW: "reviewed",
  AGREEMENT: "reviewed",
  ADJUDICATION: "adjudicated",
  CORRECTION: "adjudicated",
  IMPORTED: "imported",
  AUTO: "auto_accepted",
};

/** The source of the label a row carries: its gold when it has one, else its reference, else the model's. */
export function sourceOf(row: Pick<ExportRow, "origin" | "gold" | "goldSource" | "reference" | "suggestion">): Source {
  if (row.origin === "SYNTHETIC") return "synthetic";
  if (row.gold !== null && row.gold !== undefined) return BY_GOLD_SOURCE[row.goldSource ?? ""] ?? "reviewed";
  if (row.reference !== null && row.reference !== undefined) return "reference";
  if (row.suggestion !== null && row.suggestion !== undefined) return "llm_unreviewed";
  return "unlabeled";
}

/** Tallies rows by source, and the prompt versions behind the rows' suggestions. */
export class SourceTally {
  readonly counts = emptyCounts();
  readonly versions = new Map<number, number>();
  rows = 0;
  add(row: Parameters<typeof sourceOf>[0] & Pick<ExportRow, "promptVersion">) {
    this.counts[sourceOf(row)]++;
    this.rows++;
    if (row.promptVersion !== null) this.versions.set(row.promptVersion, (this.versions.get(row.promptVersion) ?? 0) + 1);
  }
}
