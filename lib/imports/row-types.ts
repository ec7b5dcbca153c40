import type { RowLabels } from "@/lib/imports/label-values";

// What every parser yields: a record with the line it starts on, or a bad row with its reason.
export type ParsedRecord =
  | { kind: "record"; line: number; endLine: number; fields: Record<string, unknown> }
  | { kind: "bad"; line: number; reason: string; field?: string; excerpt?: string };

/**
 * metadataJson: the metadata already serialized (it is checked for NUL characters anyway).
 * labels: what the row's label columns hold (reference label, another model's prediction), if any.
 */
/** `record`: the row's position among the parsed records of the file (what a resumed import skips by). */
export type NormalizedRow = {
  line: number;
  record?: number;
  externalId: string;
  text: string;
  metadata: Record<string, unknown>;
  metadataJson: string;
  labels?: RowLabels;
  pair?: RowPair;
  /** An image row's picture, already in the media store (lib/imports/parse-zip.ts). */
  image?: StoredImage;
};
/** An image row's picture, kept in the media store under its SHA-256 (lib/imports/parse-zip.ts). */
export type StoredImage = { sha256: string; contentType: string; width: number; height: number; bytes: number; path: string };
/** A pairwise row's two responses and, when named, the models that wrote them. */
export type RowPair = { a: string; b: string; aModel: string | null; bModel: string | null };
export type BadRow = { line: number; record?: number; reason: string; field?: string; excerpt: string };

/** Parsers report bytes consumed so the runner can show progress. */
export type ByteCounter = { bytes: number };

/**
 * Text the error table can always store and a page can always show: NUL characters and lone
 * surrogates (which the database refuses) become U+FFFD. Rejected rows carry their own bad bytes
 * into their excerpts; without this, the row's error would fail the chunk it was meant to save.
 */
export function storable(s: string): string {
  return s.replace(/\u0000/g, "\uFFFD").toWellFormed();
}

export const excerptOf = (s: string, max = 160) => storable(s.length > max ? `${s.slice(0, max)}…` : s);

/** JSON of any parsed value for an excerpt; a value too deep to serialize is described instead. */
export function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "";
  } catch {
    return "(a value too deeply nested to show)";
  }
}

/**
 * Why a row was refused for its size, in the units the import form states (characters of text),
 * not in the parser's bytes: a row may be a few times its text (escapes, metadata), so its limit in
 * bytes is larger than the text's in characters.
 */
export function tooLargeReason(maxRowBytes: number, maxTextChars: number): string {
  const mb = Math.round((maxRowBytes / 1024 / 1024) * 10) / 10;
  return `the row is larger than ${mb} MB, too large to import: an item's text may have at most ${maxTextChars.toLocaleString("en-US")} characters`;
}
