// The task learner's features and predictions, dependency-free, so a downloaded learner
// (GET /api/v1/projects/:id/learner) runs anywhere Node or a browser does:
//
//   import { loadLearner, predict } from "./predict.mjs";
//   const learner = loadLearner(JSON.parse(fs.readFileSync("learner.json", "utf8")));
//   predict(learner, "Cheap pills, click here"); // { labels: ["spam"], probabilities: { spam: 0.97, ham: 0.03 } }
//
// The app uses this same file for training features and for predictions, so the download
// predicts exactly what the app does. The file format is described in docs/learner.md.

/** 32-bit FNV-1a of a string's UTF-16 code units. */
export function fnv1a(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The default feature settings (stored in every model file, so old files keep working). */
// Tuned with bench:learner (SpamAssassin): 3-5 character grams over 20,000 characters scored the
// same accuracy at half the speed; 5,000 characters did better with 200 training e-mails; 2^16
// buckets scored as well as 2^18 and predict a third faster (the count table stays in cache).
export const DEFAULT_FEATURES = { hashBits: 16, wordNgrams: 2, charNgrams: [3, 4], maxChars: 5000 };

/** Lower-cased words (letters and digits) of at most maxChars characters of the text. */
export function tokens(text, maxChars) {
  return (
    text
      .slice(0, maxChars)
      .normalize("NFKC")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const fnvStep = (h, code) => Math.imul(h ^ code, FNV_PRIME);
const fnvString = (h, s) => {
  for (let i = 0; i < s.length; i++) h = fnvStep(h, s.charCodeAt(i));
  return h;
};
const WORD_SEED = fnvString(FNV_OFFSET, "w");
const CHAR_SEED = fnvString(FNV_OFFSET, "c");

// The count table being filled: module state, since counting is synchronous (one text at a time)
// and a plain function is what the JIT inlines into the hot loops.
let sums = new Int32Array(1 << 16);
let touched = new Int32Array(1 << 16);
let used = 0;
let mask = 0;

/** h is a signed 32-bit hash: its low bits pick the bucket, its top bit (the sign) the sign. */
function add(h, times = 1) {
  const bucket = h & mask;
  if (sums[bucket] === 0) {
    if (used === touched.length) touched = grown(touched, used);
    touched[used++] = bucket;
  }
  // A bucket whose signed sum returns to zero is listed again; the dedup in hashedCounts handles it.
  sums[bucket] += h < 0 ? -times : times;
}

/**
 * Hashed term counts: word 1..wordNgrams-grams ("w" + " word" per word) and character n-grams of
 * each word padded with spaces ("c" + the n characters), hashed with FNV-1a as they are read, so
 * no feature string is ever built. A second hash bit gives each feature a sign, so collisions
 * cancel out on average rather than add up. Returns the buckets used and their signed counts.
 * An ASCII text (most of them) is scanned character by character without making any string; any
 * other goes through tokens(). Both give the same counts (tested on the corpus).
 */
export function hashedCounts(text, spec, { general = false } = {}) {
  countInto(text, spec, general);
  const index = new Int32Array(used);
  const count = new Float64Array(used);
  let k = 0;
  for (let i = 0; i < used; i++) {
    const bucket = touched[i];
    if (sums[bucket] !== 0) {
      index[k] = bucket;
      count[k++] = sums[bucket];
      sums[bucket] = 0;
    }
  }
  return { index: index.subarray(0, k), count: count.subarray(0, k) };
}

/** Fills the count table (sums, and the buckets in touched[0..used)); the reader zeroes it again. */
function countInto(text, spec, general = false) {
  if (sums.length !== 1 << spec.hashBits) sums = new Int32Array(1 << spec.hashBits);
  mask = (1 << spec.hashBits) - 1;
  used = 0;
  const head = text.length > spec.maxChars ? text.slice(0, spec.maxChars) : text;
  if (!general && !NOT_ASCII.test(head)) countAscii(head, spec);
  else countWords(tokens(head, spec.maxChars), spec);
}

const NOT_ASCII = /[^\x00-\x7f]/;

/** The features of a list of words (any script). */
function countWords(words, spec) {
  for (let i = 0; i < words.length; i++) {
    let h = WORD_SEED;
    for (let n = 0; n < spec.wordNgrams && i + n < words.length; n++) {
      h = fnvString(fnvStep(h, 32), words[i + n]);
      add(h);
    }
    const word = words[i];
    charGrams(word.length, (k) => word.charCodeAt(k), spec.charNgrams);
  }
}

/** Character n-grams of a word padded with a space on each side; `at(k)` is the word's k-th code. */
function charGrams(wordLength, at, [lo, hi], times = 1) {
  const length = wordLength + 2;
  for (let j = 0; j + lo <= length; j++) {
    let g = CHAR_SEED;
    for (let m = 0; m < hi && j + m < length; m++) {
      const k = j + m;
      g = fnvStep(g, k === 0 || k === length - 1 ? 32 : at(k - 1));
      if (m + 1 >= lo) add(g, times);
    }
  }
}

let wordCodes = new Int32Array(1024);
let kept = new Int32Array(1 << 16);

/**
 * The same features for an ASCII text, read in one pass: words are runs of [A-Za-z0-9],
 * lower-cased. The n-grams ending at each word continue the hashes of those ending at the one
 * before (ends[m]: the m-gram ending at the previous word). Character n-grams are counted once
 * per distinct word (known by its unigram hash), times its count: words repeat, and each count
 * is a random write into a large table.
 */
function countAscii(text, spec) {
  const n = spec.wordNgrams;
  let ends = new Int32Array(n + 1);
  let next = new Int32Array(n + 1);
  let have = 0; // how many n-gram lengths end at the previous word
  let length = 0;
  let keptLength = 0;
  distinctWords.clear();
  for (let i = 0; i <= text.length; i++) {
    let c = i < text.length ? text.charCodeAt(i) : 32;
    const digit = c >= 48 && c <= 57;
    const upper = c >= 65 && c <= 90;
    if (digit || upper || (c >= 97 && c <= 122)) {
      if (upper) c |= 0x20;
      if (length === wordCodes.length) wordCodes = grown(wordCodes, length);
      wordCodes[length++] = c;
      continue;
    }
    if (length === 0) continue;
    // A word ended: the m-grams ending here, m = 1..n, hashed side by side in one pass.
    const grams = Math.min(n, have + 1);
    for (let m = 1; m <= grams; m++) next[m] = fnvStep(m === 1 ? WORD_SEED : ends[m - 1], 32);
    for (let k = 0; k < length; k++) {
      const code = wordCodes[k];
      for (let m = 1; m <= grams; m++) next[m] = Math.imul(next[m] ^ code, FNV_PRIME);
    }
    for (let m = 1; m <= grams; m++) add(next[m]);
    have = Math.min(n, have + 1);
    const swap = ends;
    ends = next;
    next = swap;
    if (!distinctWords.count(ends[1])) {
      while (keptLength + length > kept.length) kept = grown(kept, keptLength);
      kept.set(wordCodes.subarray(0, length), keptLength);
      distinctWords.insert(ends[1], keptLength, length);
      keptLength += length;
    }
    length = 0;
  }
  const [lo, hi] = spec.charNgrams;
  const { offsets, lengths, times } = distinctWords;
  for (let w = 0; w < distinctWords.size; w++) {
    // charGrams(), inlined: this loop is most of the time spent on a text.
    const offset = offsets[w];
    const padded = lengths[w] + 2;
    for (let j = 0; j + lo <= padded; j++) {
      let g = CHAR_SEED;
      for (let m = 0; m < hi && j + m < padded; m++) {
        const k = j + m;
        g = Math.imul(g ^ (k === 0 || k === padded - 1 ? 32 : kept[offset + k - 1]), FNV_PRIME);
        if (m + 1 >= lo) add(g, times[w]);
      }
    }
  }
}

/**
 * The distinct words of one text, by unigram hash: an open-addressing table in typed arrays (a
 * Map keyed by 32-bit hashes boxes half of them). Two different words of one text with the same
 * 32-bit hash (odds about 1 in 30,000 for a 5,000-character text) share the first one's character
 * n-grams; the app and a downloaded learner run this same code, so they still agree.
 */
const distinctWords = {
  slots: new Int32Array(1 << 13), // word index + 1; 0: empty
  keys: new Int32Array(1 << 13),
  offsets: new Int32Array(1 << 12),
  lengths: new Int32Array(1 << 12),
  times: new Int32Array(1 << 12),
  size: 0,
  clear() {
    this.slots.fill(0);
    this.size = 0;
  },
  /** Counts one more occurrence of a known word; false when the word is new. */
  count(key) {
    const mask = this.slots.length - 1;
    for (let s = key & mask; this.slots[s] !== 0; s = (s + 1) & mask) {
      if (this.keys[s] === key) {
        this.times[this.slots[s] - 1]++;
        return true;
      }
    }
    return false;
  },
  insert(key, offset, length) {
    if ((this.size + 1) * 2 > this.slots.length) this.grow();
    if (this.size === this.offsets.length) {
      this.offsets = grown(this.offsets, this.size);
      this.lengths = grown(this.lengths, this.size);
      this.times = grown(this.times, this.size);
    }
    const w = this.size++;
    this.offsets[w] = offset;
    this.lengths[w] = length;
    this.times[w] = 1;
    this.place(key, w + 1);
  },
  place(key, slot) {
    const mask = this.slots.length - 1;
    let s = key & mask;
    while (this.slots[s] !== 0) s = (s + 1) & mask;
    this.slots[s] = slot;
    this.keys[s] = key;
  },
  grow() {
    const { slots, keys } = this;
    this.slots = new Int32Array(slots.length * 2);
    this.keys = new Int32Array(slots.length * 2);
    for (let s = 0; s < slots.length; s++) if (slots[s] !== 0) this.place(keys[s], slots[s]);
  },
};

function grown(array, used) {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array.subarray(0, used));
  return bigger;
}

const LOGS = Float64Array.from({ length: 256 }, (_, c) => (c ? 1 + Math.log(c) : 0));
const sublinear = (c) => (c < 256 ? LOGS[c] : 1 + Math.log(c));

/**
 * The feature vector: sublinear term frequency (1 + log count, keeping the sign) times inverse
 * document frequency, scaled to unit length. Sparse: parallel arrays of buckets and values.
 */
export function vectorize(text, spec, idf) {
  const { index, count } = hashedCounts(text, spec);
  const value = new Float32Array(index.length);
  let norm = 0;
  for (let i = 0; i < index.length; i++) {
    const c = count[i];
    const v = (c > 0 ? sublinear(c) : -sublinear(-c)) * idf[index[i]];
    value[i] = v;
    norm += v * v;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let i = 0; i < value.length; i++) value[i] *= scale;
  return { index, value };
}

/** Dense inverse document frequencies from the stored counts: ln((1 + N) / (1 + df)) + 1. */
export function idfFrom(documents, df, hashBits) {
  const idf = new Float32Array(1 << hashBits).fill(Math.log(1 + documents) + 1);
  for (const [bucket, d] of df) idf[bucket] = Math.log((1 + documents) / (1 + d)) + 1;
  return idf;
}

/** Class probabilities for a vector: softmax for one label per item, a sigmoid per label for several. */
export function probabilities(weights, bias, multiLabel, x) {
  const scores = bias.map((b, k) => {
    const w = weights[k];
    let s = b;
    for (let i = 0; i < x.index.length; i++) s += w[x.index[i]] * x.value[i];
    return s;
  });
  return multiLabel ? scores.map((s) => 1 / (1 + Math.exp(-s))) : softmax(scores);
}

/** Scores to probabilities that sum to one (shifted by the top score, so nothing overflows). */
export function softmax(scores) {
  const top = Math.max(...scores);
  const e = scores.map((s) => Math.exp(s - top));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

/**
 * A model file (the JSON the app downloads) made ready to predict. `table` holds, per bucket, its
 * idf then each label's weight side by side: predict reads one cache line per feature instead of
 * one per array (the arrays are each larger than the cache, and a text has thousands of features).
 */
export function loadLearner(file) {
  if (file.format !== "goldset-learner" || file.formatVersion !== 1) throw new Error("Not a Goldset learner file (format goldset-learner, version 1).");
  const size = 1 << file.features.hashBits;
  const weights = file.weights.map((pairs) => {
    const w = new Float32Array(size);
    for (const [bucket, v] of pairs) w[bucket] = v;
    return w;
  });
  const idf = idfFrom(file.idf.documents, file.idf.df, file.features.hashBits);
  const stride = 1 + weights.length;
  const table = new Float32Array(size * stride);
  for (let b = 0; b < size; b++) {
    table[b * stride] = idf[b];
    for (let k = 0; k < weights.length; k++) table[b * stride + 1 + k] = weights[k][b];
  }
  return { file, idf, weights, bias: file.bias, table, stride };
}

/**
 * The labels' scores for a text: what probabilities(weights, bias, x) computes from
 * vectorize(text), in one pass over the counts. The unit-length scaling is linear, so each label's
 * sum is scaled once at the end instead of every feature value.
 */
function scoresOf(learner, text) {
  countInto(text, learner.file.features);
  const { table, stride, bias } = learner;
  const labels = bias.length;
  const scores = new Float64Array(labels);
  let norm = 0;
  // The count table read in place (what hashedCounts copies out), zeroed as it is read.
  for (let i = 0; i < used; i++) {
    const bucket = touched[i];
    const c = sums[bucket];
    if (c === 0) continue; // listed twice, or its signed count came back to zero
    sums[bucket] = 0;
    const row = bucket * stride;
    // Rounded to float32 as vectorize stores it, so both paths weigh a feature the same.
    const v = Math.fround((c > 0 ? sublinear(c) : -sublinear(-c)) * table[row]);
    norm += v * v;
    for (let k = 0; k < labels; k++) scores[k] += table[row + 1 + k] * v;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  return bias.map((b, k) => b + scores[k] * scale);
}

/**
 * Labels and probabilities for one text. One label per item: the most probable. Several: every
 * label at 0.5 or more.
 */
export function predict(learner, text) {
  const { file } = learner;
  const multiLabel = file.taskType === "MULTI_LABEL";
  const scores = scoresOf(learner, text);
  const p = multiLabel ? scores.map((s) => 1 / (1 + Math.exp(-s))) : softmax(scores);
  const probabilitiesByLabel = Object.fromEntries(file.labels.map((l, k) => [l, p[k]]));
  const labels = multiLabel ? file.labels.filter((_, k) => p[k] >= 0.5) : [file.labels[p.indexOf(Math.max(...p))]];
  return { labels, probabilities: probabilitiesByLabel };
}
