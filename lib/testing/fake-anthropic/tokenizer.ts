// How many tokens the fake says a text is. The real tokenizer is not public; this models what is
// measured of it: English runs about 4 characters a token, CJK about one token a character,
// emoji and other characters outside the Basic Multilingual Plane about two, and the other
// scripts in between. The app never uses this: it counts with the API (count_tokens) and bounds
// with lib/llm/tokens.ts, whose test checks the bound stays above this model.

const CJK = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/;

export function fakeTokenCount(text: string): number {
  let ascii = 0;
  let tokens = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) ascii++;
    else if (cp > 0xffff) tokens += 2;
    else if (CJK.test(ch)) tokens += 1;
    else if (cp < 0x800)
      tokens += 0.5; // Latin accents, Greek, Cyrillic, Hebrew, Arabic
    else tokens += 0.8; // Devanagari, Thai, and the rest of the plane
  }
  return Math.max(1, Math.ceil(ascii / 4 + tokens));
}
