// Is a rationale grounded in the item? Where the prompt asks for a rationale, the tool also asks for
// the exact words of the item it relies on; each quote must occur in the item, compared with
// whitespace collapsed and case folded (Unicode NFKC, so a ligature or a full-width letter matches
// its plain form). Models mark an omission inside a quote with an ellipsis: each part must then
// occur, in order. A rationale with no quote at all is not grounded: it points at nothing.
// Quoting the guidelines (or anything else but the item) is "not found", which is the point.

/** The most quotes the tool accepts, and the longest quote. */
export const MAX_QUOTES = 8;
export const MAX_QUOTE_CHARS = 500;

const WRAPPING = /^[\s"'“”‘’«»`]+|[\s"'“”‘’«»`]+$/g;
const ELLIPSIS = /\s*(?:\.\.\.|…|\[\.\.\.\]|\[…\])\s*/;

export function normalizeForMatch(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

/** True when the quote (its parts around ellipses, in order) occurs in the normalised item. */
function occurs(quote: string, item: string): boolean {
  const parts = quote
    .split(ELLIPSIS)
    .map((p) => normalizeForMatch(p.replace(WRAPPING, "")))
    .filter(Boolean);
  if (!parts.length) return false;
  let from = 0;
  for (const part of parts) {
    const at = item.indexOf(part, from);
    if (at < 0) return false;
    from = at + part.length;
  }
  return true;
}

export type Grounding = { grounded: boolean; missing: string[] };

/** Every quote must be found in the item for the rationale to be grounded; `missing` lists those that were not. */
export function groundEvidence(quotes: readonly string[], itemText: string): Grounding {
  const item = normalizeForMatch(itemText);
  const missing = quotes.filter((q) => !occurs(q, item));
  return { grounded: quotes.length > 0 && missing.length === 0, missing };
}
