// What the review routes answer, shared by lib/reviews and the review screen. Values leave the
// server parsed as the project's task type (lib/values/value.ts), so the screen never casts them.
import type { SuggestionValue } from "@/lib/values/value";

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
  /** A skip's reason: DISTRESS is "I'd rather not see this". */
  skipReason: string | null;
  version: number;
  createdAt: Date;
};

export type ReviewTask = {
  /** synthetic: written by a synthesis job; the reviewer may reject it as unusable. */
  /** pair: a pairwise item's responses in canonical order, and whether this reviewer sees B on the left. */
  item: {
    id: number;
    externalId: string;
    text: string;
    synthetic?: boolean;
    pair?: { a: string; b: string; swapped: boolean };
    /** An image item's picture: its hash (the media URL), size and path in the upload. */
    image?: { sha256: string; width: number; height: number; path: string };
    /** The lead's distress categories the model flagged in the item: shown blurred until revealed, if the lead chose so. */
    distress?: string[];
  };
  blind: boolean;
  suggestion: {
    id: string;
    value: SuggestionValue;
    confidence: number | null;
    confidenceSource: string | null;
    rationale: string | null;
    /** The rationale's quotes from the item, and whether every one is there (null: not asked for). */
    evidence: string[] | null;
    grounded: boolean | null;
  } | null;
  leasedUntil: string;
};

/** An undone decision's item, back with the answer that was undone (null for a skip). */
export type UndoneTask = ReviewTask & { previous: { action: string; value: SuggestionValue | null } };
