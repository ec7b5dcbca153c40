// Token counts without the tokenizer (it is not public), for reservations before a request goes
// out and for estimates. `tokenBound` must never undercount by more than 20%, for any script:
// English runs about 4 characters a token, so ASCII counts 1/3 a character; CJK runs about one
// token a character, so it counts 1.25; emoji and other characters outside the Basic Multilingual
// Plane up to 3 (each is 4 UTF-8 bytes, and a byte-level tokenizer never needs more tokens than
// bytes); two-byte scripts (accented Latin, Greek, Cyrillic, Hebrew, Arabic) 0.75 and the rest of
// the plane (Devanagari, Thai, ...) 1.25. The exact count of the stable prefix comes from the
// API (lib/llm/prefix.ts); this bound covers the part that changes with every item.

const CJK = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/;

export function tokenBound(text: string): number {
  let ascii = 0;
  let other = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) ascii++;
    else if (cp > 0xffff) other += 3;
    else if (cp < 0x800 && !CJK.test(ch)) other += 0.75;
    else other += 1.25;
  }
  return Math.ceil(ascii / 3 + other);
}

/** What the same text typically costs: the bound without its margin, for "expected" figures. */
export const typicalTokens = (text: string) => Math.ceil(tokenBound(text) * 0.75);

/**
 * The same bound from a text's length in characters and in UTF-8 bytes, for totals the database
 * sums without reading every text. Each byte beyond the first of a character adds at most what
 * the dearest class (4-byte characters: (3 - 1/3) / 3 per extra byte) adds.
 */
export function tokenBoundFromSizes(chars: number, bytes: number): number {
  return Math.ceil(chars / 3 + ((3 - 1 / 3) / 3) * Math.max(0, bytes - chars));
}
