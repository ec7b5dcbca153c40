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
// same accuracy, at half the speed; 5,000 characters did better with 200 training e-mails.
export const DEFAULT_FEATURES = { hashBits: 18, wordNgrams: 2, charNgrams: [3, 4], maxChars: 5000 };

/** Lower-cased words (letters and digits) of at most maxChars characters of the text. */
export function tokens(text, maxChars) {
  return text.slice(0, maxChars).normalize("NFKC").toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
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

// One scratch accumulator per hash size: counting is synchronous, so it is never shared mid-use.
const scratch = new Map();
function accumulator(bits) {
  let a = scratch.get(bits);
  if (!a) scratch.set(bits, (a = { sums: new Int32Array(1 << bits), touched: new Int32Array(1 << 16) }));
  return a;
}

/**
 * Hashed term counts: word 1..wordNgrams-grams ("w" + " word" per word) and character n-grams of
 * each word padded with spaces ("c" + the n characters), hashed with FNV-1a as they are read, so
 * no feature string is ever built. A second hash bit gives each feature a sign, so collisions
 * cancel out on average rather than add up. Returns the buckets used and their signed counts.
 */
export function hashedCounts(text, spec) {
  const mask = (1 << spec.hashBits) - 1;
  const acc = accumulator(spec.hashBits);
  let { touched } = acc;
  const sums = acc.sums;
  let used = 0;
  // h is a signed 32-bit integer: its low bits pick the bucket, its top bit (the sign) the sign.
  const add = (h, times) => {
    const bucket = h & mask;
    if (sums[bucket] === 0) {
      if (used === touched.length) {
        const bigger = new Int32Array(touched.length * 2);
        bigger.set(touched);
        acc.touched = touched = bigger;
      }
      touched[used++] = bucket;
    }
    // A bucket whose signed sum returns to zero is listed again; the dedup below handles it.
    sums[bucket] += h < 0 ? -times : times;
  };
  const words = tokens(text, spec.maxChars);
  // Word n-grams per occurrence; character n-grams once per distinct word, times its count
  // (words repeat: this halves the work on e-mail-sized texts).
  const distinct = new Map();
  for (let i = 0; i < words.length; i++) {
    let h = WORD_SEED;
    for (let n = 0; n < spec.wordNgrams && i + n < words.length; n++) {
      h = fnvString(fnvStep(h, 32), words[i + n]);
      add(h, 1);
    }
    distinct.set(words[i], (distinct.get(words[i]) ?? 0) + 1);
  }
  const [lo, hi] = spec.charNgrams;
  for (const [word, times] of distinct) {
    const length = word.length + 2;
    const codeAt = (k) => (k === 0 || k === length - 1 ? 32 : word.charCodeAt(k - 1));
    for (let j = 0; j + lo <= length; j++) {
      let g = CHAR_SEED;
      for (let m = 0; m < hi && j + m < length; m++) {
        g = fnvStep(g, codeAt(j + m));
        if (m + 1 >= lo) add(g, times);
      }
    }
  }
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
  if (multiLabel) return scores.map((s) => 1 / (1 + Math.exp(-s)));
  const top = Math.max(...scores);
  const e = scores.map((s) => Math.exp(s - top));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

/** A model file (the JSON the app downloads) made ready to predict. */
export function loadLearner(file) {
  if (file.format !== "goldset-learner" || file.formatVersion !== 1) throw new Error("Not a Goldset learner file (format goldset-learner, version 1).");
  const size = 1 << file.features.hashBits;
  const weights = file.weights.map((pairs) => {
    const w = new Float32Array(size);
    for (const [bucket, v] of pairs) w[bucket] = v;
    return w;
  });
  return { file, idf: idfFrom(file.idf.documents, file.idf.df, file.features.hashBits), weights, bias: file.bias };
}

/**
 * Labels and probabilities for one text. One label per item: the most probable. Several: every
 * label at 0.5 or more.
 */
export function predict(learner, text) {
  const { file } = learner;
  const multiLabel = file.taskType === "MULTI_LABEL";
  const p = probabilities(learner.weights, learner.bias, multiLabel, vectorize(text, file.features, learner.idf));
  const probabilitiesByLabel = Object.fromEntries(file.labels.map((l, k) => [l, p[k]]));
  const labels = multiLabel ? file.labels.filter((_, k) => p[k] >= 0.5) : [file.labels[p.indexOf(Math.max(...p))]];
  return { labels, probabilities: probabilitiesByLabel };
}
