// What every parser yields: a record with the line it starts on, or a bad row with its reason.
export type ParsedRecord =
  | { kind: "record"; line: number; endLine: number; fields: Record<string, unknown> }
  | { kind: "bad"; line: number; reason: string; field?: string; excerpt?: string };

/** metadataJson: the metadata already serialized (it is checked for NUL characters anyway). */
export type NormalizedRow = { line: number; externalId: string; text: string; metadata: Record<string, unknown>; metadataJson: string };
export type BadRow = { line: number; reason: string; field?: string; excerpt: string };

/** Parsers report bytes consumed so the runner can show progress. */
export type ByteCounter = { bytes: number };

export const excerptOf = (s: string, max = 160) => (s.length > max ? `${s.slice(0, max)}…` : s);
