// Near-duplicate detection for generated texts: a text is compared with the project's items and
// with the other texts of its job by the Jaccard similarity of its character 5-gram sets, read from
// a normalized form (lower case, letters and digits only, single spaces), so a light edit (a word
// changed, punctuation, case) still scores high while distinct texts score near zero.
//
// Comparing a job's few thousand texts with a million items cannot afford all pairs, so candidates
// come from locality-sensitive hashing: each text gets a MinHash signature of BINS values by
// one-permutation hashing (each 5-gram falls in one bin by its hash; a bin keeps the smallest of a
// second hash), and two texts become candidates when any band of ROWS bins is equal. For Jaccard
// J a band matches with probability about J^ROWS, so a pair is found with probability
// 1 - (1 - J^2)^10: 0.999 at J = 0.7, 0.94 at 0.5. Every candidate is then checked exactly.
// Identical normalized texts share every band, so exact duplicates are always found. The job's
// texts are indexed in memory; the project's items stream past, so memory does not grow with it.
export const SHINGLE = 5;
const BINS = 20;
const ROWS = 2;
const BANDS = BINS / ROWS;
const EMPTY = 0xffffffff;
/** A set of 5-gram hashes as a bitmap over their low 22 bits: membership is one array read. */
export class HashBits {
  private bits = new Uint32Array(1 << 17);
  size = 0;
  add(h: number) {
    const i = h & 0x3fffff;
    if (!(this.bits[i >>> 5] & (1 << (i & 31)))) this.size++;
    this.bits[i >>> 5] |= 1 << (i & 31);
  }
  has(h: number): boolean {
    const i = h & 0x3fffff;
    return (this.bits[i >>> 5] & (1 << (i & 31))) !== 0;
  }
}
const NONE = new HashBits();

/**
 * The 5-grams in more than `share` of these texts (and at least 3 of them): left out of the
 * signatures (not of the exact comparison), as uninformative.
 */
export function commonShingles(lists: Uint32Array[], share = 0.05): HashBits {
  const df = new Map<number, number>();
  for (const sh of lists) for (const h of sh) df.set(h, (df.get(h) ?? 0) + 1);
  const min = Math.max(3, share * lists.length);
  const common = new HashBits();
  for (const [h, n] of df) if (n > min) common.add(h);
  return common;
}

// The normalized text as UTF-16 codes in a reused buffer: a million items are read per job, and
// building a string per item would cost more than hashing it.
let codes = new Uint16Array(4096);
const NOT_ASCII = /[^\x00-\x7f]/;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function normalizedCodes(raw: string): number {
  const text = NOT_ASCII.test(raw) ? raw.normalize("NFKC").toLowerCase() : raw;
  if (codes.length < text.length + 1) codes = new Uint16Array(text.length * 2);
  let n = 0;
  let space = false;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    let keep: boolean;
    if (c < 128) {
      if (c >= 65 && c <= 90) c |= 0x20;
      keep = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    } else if (c >= 0xd800 && c <= 0xdfff) {
      keep = LETTER_OR_DIGIT.test(String.fromCodePoint(text.codePointAt(c >= 0xdc00 ? i - 1 : i) ?? 0xfffd));
    } else keep = LETTER_OR_DIGIT.test(text[i]);
    if (!keep) {
      space = n > 0;
      continue;
    }
    if (space) codes[n++] = 32;
    space = false;
    codes[n++] = c;
  }
  return n;
}

/** Lower case, letters and digits only, words separated by one space (what the 5-grams are read from). */
export function normalize(text: string): string {
  const n = normalizedCodes(text);
  let out = "";
  for (let i = 0; i < n; i += 4096) out += String.fromCharCode(...codes.subarray(i, Math.min(n, i + 4096)));
  return out;
}

/** The sorted, distinct hashes of a text's normalized 5-grams (the whole text when shorter). */
export function shingles(text: string): Uint32Array {
  const n = normalizedCodes(text);
  const hashOf = (from: number, to: number) => {
    let h = 0x811c9dc5;
    for (let i = from; i < to; i++) h = Math.imul(h ^ codes[i], 0x01000193);
    return h >>> 0;
  };
  if (n <= SHINGLE) return Uint32Array.of(hashOf(0, n));
  const out = new Uint32Array(n - SHINGLE + 1);
  for (let i = 0; i + SHINGLE <= n; i++) out[i] = hashOf(i, i + SHINGLE);
  out.sort();
  let k = 0;
  for (let i = 0; i < out.length; i++) if (i === 0 || out[i] !== out[i - 1]) out[k++] = out[i];
  return out.subarray(0, k);
}

/** |A ∩ B| / |A ∪ B| of two sorted distinct hash lists. */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let both = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      both++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return both / (a.length + b.length - both);
}

/** A second, independent hash of a 5-gram hash (murmur3's finalizer). */
const mix = (h: number) => {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
};

/**
 * The one-permutation MinHash signature: per bin, the smallest mixed hash of the 5-grams in it,
 * leaving out the common ones: a 5-gram most texts have (" the ", "tion ") would be the minimum of
 * its bin in all of them and make every pair a candidate.
 */
export function signature(sh: Uint32Array, common: HashBits = NONE): Uint32Array {
  const sig = new Uint32Array(BINS).fill(EMPTY);
  for (let i = 0; i < sh.length; i++) {
    if (common.size && common.has(sh[i])) continue;
    const bin = sh[i] % BINS;
    const v = mix(sh[i]);
    if (v < sig[bin]) sig[bin] = v;
  }
  return sig;
}

/** The band keys of a signature; a band with an empty bin has none. */
function bandKeys(sig: Uint32Array): number[] {
  const keys: number[] = [];
  for (let b = 0; b < BANDS; b++) {
    const v1 = sig[b * ROWS];
    const v2 = sig[b * ROWS + 1];
    if (v1 === EMPTY || v2 === EMPTY) continue;
    // A number key (no string per band): band and first value hashed into the high bits, 21 bits of the second.
    keys.push(mix(v1 ^ Math.imul(b + 1, 0x9e3779b1)) * 2097152 + (v2 & 0x1fffff));
  }
  return keys;
}

export type Match = { index: number; similarity: number };

/** One number for a whole 5-gram set: identical normalized texts get the same. */
function setKey(sh: Uint32Array): number {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < sh.length; i++) {
    a = Math.imul(a ^ sh[i], 0x01000193);
    b = mix(b ^ sh[i]);
  }
  return (a >>> 0) * 2097152 + (b & 0x1fffff);
}

/**
 * The texts of a job, indexed three ways: by the bands of their signature without the common
 * 5-grams (`common`: commonShingles of the job's texts); a text with too few other 5-grams to fill
 * half the bands, also by the bands of its full signature (the common 5-grams crowd those buckets,
 * but only among such texts); and every text by its exact 5-gram set, so identical texts always
 * match, however short.
 */
export class NearDuplicateIndex {
  private bands = new Map<number, number[]>();
  private fullBands = new Map<number, number[]>();
  private exact = new Map<number, number[]>();
  readonly entries: Uint32Array[] = [];
  // Which entries the current query has compared: a stamp per entry instead of a set per query.
  private seen = new Uint32Array(1024);
  private hits = new Uint8Array(1024);
  private stamp = 0;

  constructor(
    private readonly threshold: number,
    private readonly common: HashBits = NONE,
  ) {}

  private keysOf(sh: Uint32Array): { keys: number[]; full: number[] } {
    const keys = bandKeys(signature(sh, this.common));
    return { keys, full: keys.length < BANDS / 2 && this.common.size ? bandKeys(signature(sh)) : [] };
  }

  /** Indexes a text by its 5-grams (shingles(text)); returns its entry number. */
  add(sh: Uint32Array): number {
    const i = this.entries.push(sh) - 1;
    if (i >= this.seen.length) {
      const grown = new Uint32Array(this.seen.length * 2);
      grown.set(this.seen);
      this.seen = grown;
      this.hits = new Uint8Array(grown.length);
    }
    const { keys, full } = this.keysOf(sh);
    const put = (map: Map<number, number[]>, k: number) => {
      const list = map.get(k);
      if (list) list.push(i);
      else map.set(k, [i]);
    };
    for (const k of keys) put(this.bands, k);
    for (const k of full) put(this.fullBands, k);
    put(this.exact, setKey(sh));
    return i;
  }

  /**
   * The indexed texts at or above the threshold from a text's 5-grams, each once, with the
   * similarity. A candidate from the main bands is compared only when it shares two bands or more:
   * a pair at J = 0.7 shares about five (two or more: 0.99), an unrelated pair rarely two.
   */
  matches(sh: Uint32Array): Match[] {
    const stamp = ++this.stamp;
    const found: Match[] = [];
    const compare = (i: number) => {
      if (this.hits[i] === 255) return; // compared already
      this.hits[i] = 255;
      const similarity = jaccard(sh, this.entries[i]);
      if (similarity >= this.threshold) found.push({ index: i, similarity });
    };
    const { keys, full } = this.keysOf(sh);
    for (const k of keys) {
      for (const i of this.bands.get(k) ?? []) {
        if (this.seen[i] !== stamp) {
          this.seen[i] = stamp;
          this.hits[i] = 1;
        } else if (this.hits[i] === 1) compare(i);
      }
    }
    const once = (i: number) => {
      if (this.seen[i] !== stamp) {
        this.seen[i] = stamp;
        this.hits[i] = 0;
      }
      compare(i);
    };
    for (const k of full) for (const i of this.fullBands.get(k) ?? []) once(i);
    for (const i of this.exact.get(setKey(sh)) ?? []) once(i);
    return found;
  }
}
