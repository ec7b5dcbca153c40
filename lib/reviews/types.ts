// What the review routes answer, shared by lib/reviews and the review screen.
export type RecordedDecision = {
  id: string;
  projectId: string;
  itemId: number;
  annotatorId: string;
  action: "ACCEPTED" | "CORRECTED" | "LABELED" | "SKIPPED" | "REJECTED";
  value: unknown;
  blind: boolean;
  suggestionId: string | null;
  seconds: number;
  version: number;
  createdAt: Date;
};

export type ReviewTask = {
  /** synthetic: written by a synthesis job; the reviewer may reject it as unusable. */
  item: { id: number; externalId: string; text: string; synthetic?: boolean };
  blind: boolean;
  suggestion: { id: string; value: unknown; confidence: number | null; confidenceSource: string | null; rationale: string | null } | null;
  leasedUntil: string;
};
