// Training the task learner: hashed word and character n-grams with TF-IDF weighting
// (predict.mjs), and logistic regression (softmax for one label per item, one-vs-rest sigmoids for
// several) fitted by stochastic gradient descent with L2 regularisation on sparse vectors.
//
// Why hand-written: the registry's logistic regressions (ml-logistic-regression, @stdlib/ml's
// incremental binary classifier) take dense feature vectors; at 2^18 hashed features a dense
// corpus of a few thousand items is gigabytes and each update touches every feature. Sparse SGD
// touches only an item's own features. bench:learner measures both on the same split.
//
// Training yields to the event loop every few hundred items, so a training job running in the
// web process (development, single-machine set-ups) never holds it for more than a few ms.
import { seededRandom } from "@/lib/random";
import {
  DEFAULT_FEATURES,
  fnv1a,
  hashedCounts,
  idfFrom,
  softmax,
  vectorize,
  type FeatureSpec,
  type LearnerFile,
  type SparseVector,
} from "@/lib/learner/predict.mjs";
import { taskTypeDef } from "@/lib/task-types";

export type Example = { text: string; labels: string[] };
export type TrainOptions = { epochs?: number; l2?: number; learningRate?: number; seed?: number; features?: FeatureSpec };
/** A type whose capabilities include the learner (lib/learner/task-types.ts), as its file records it. */
export type TaskType = LearnerFile["taskType"];

const DEFAULTS = { epochs: 8, l2: 2e-5, learningRate: 0.5, seed: 1 };
/** The longest stretch training holds the event loop before giving it a turn. */
const HOLD_MS = 4;
/** Weights smaller than this are left out of the file (they change no prediction measurably). */
const PRUNE = 1e-6;

export const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/** `await turn()` in a long loop: gives the event loop a turn once HOLD_MS have passed since the last. */
function turnTaker() {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < HOLD_MS) return;
    await breathe();
    since = performance.now();
  };
}

/** The same data and seed train the same model. */
export { seededRandom };

/** Document frequencies of the hashed features over the training texts: [bucket, texts], in bucket order. */
async function documentFrequencies(texts: string[], spec: FeatureSpec): Promise<[number, number][]> {
  const turn = turnTaker();
  const counts = new Int32Array(1 << spec.hashBits);
  for (let i = 0; i < texts.length; i++) {
    for (const bucket of hashedCounts(texts[i], spec).index) counts[bucket]++;
    await turn();
  }
  const df: [number, number][] = [];
  for (let bucket = 0; bucket < counts.length; bucket++) if (counts[bucket]) df.push([bucket, counts[bucket]]);
  return df;
}

/** Fits a learner on the examples; `labels` fixes the order of the classes (the project's labels). */
export async function train(examples: Example[], labels: string[], taskType: TaskType, opts: TrainOptions = {}): Promise<LearnerFile> {
  const { epochs, l2, learningRate, seed } = { ...DEFAULTS, ...opts };
  const spec = opts.features ?? DEFAULT_FEATURES;
  const multiLabel = taskTypeDef(taskType).field === "labels";
  const df = await documentFrequencies(
    examples.map((e) => e.text),
    spec,
  );
  const idf = idfFrom(examples.length, df, spec.hashBits);
  const turn = turnTaker();
  const vectors: SparseVector[] = [];
  for (let i = 0; i < examples.length; i++) {
    vectors.push(vectorize(examples[i].text, spec, idf));
    await turn();
  }
  const targets = examples.map((e) => labels.map((l) => (e.labels.includes(l) ? 1 : 0)));
  const K = labels.length;
  const size = 1 << spec.hashBits;
  // Weights are scale * v: the L2 shrinkage of every weight is one multiplication of scale.
  const v = Array.from({ length: K }, () => new Float32Array(size));
  const bias = new Array<number>(K).fill(0);
  let scale = 1;
  const random = seededRandom(seed);
  const order = examples.map((_, i) => i);
  let t = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    // Fisher-Yates with the seeded generator.
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (let n = 0; n < order.length; n++) {
      const idx = order[n];
      const x = vectors[idx];
      const rate = learningRate / (1 + learningRate * l2 * t++);
      const scores = bias.map((b, k) => {
        let s = 0;
        const w = v[k];
        for (let i = 0; i < x.index.length; i++) s += w[x.index[i]] * x.value[i];
        return b + scale * s;
      });
      const prob = multiLabel ? scores.map((s) => 1 / (1 + Math.exp(-s))) : softmax(scores);
      scale *= 1 - rate * l2;
      for (let k = 0; k < K; k++) {
        const g = prob[k] - targets[idx][k];
        if (g === 0) continue;
        const step = (rate * g) / scale;
        const w = v[k];
        for (let i = 0; i < x.index.length; i++) w[x.index[i]] -= step * x.value[i];
        bias[k] -= rate * g;
      }
      if (scale < 1e-6) {
        for (const w of v) for (let i = 0; i < size; i++) w[i] *= scale;
        scale = 1;
      }
      await turn();
    }
  }
  const weights: [number, number][][] = [];
  for (const w of v) {
    const pairs: [number, number][] = [];
    for (let i = 0; i < size; i++) {
      const value = w[i] * scale;
      if (Math.abs(value) > PRUNE) pairs.push([i, Number(Math.fround(value).toPrecision(7))]);
      if (i % 4096 === 4095) await turn();
    }
    weights.push(pairs);
  }
  return {
    format: "goldset-learner",
    formatVersion: 1,
    taskType,
    labels,
    features: spec,
    idf: { documents: examples.length, df },
    weights,
    bias: bias.map((b) => Number(b.toPrecision(9))),
    training: { source: "GOLD", items: examples.length, epochs, l2, trainedAt: new Date().toISOString() },
    score: null,
  };
}

/** Which of `folds` folds an item is in: a hash of its id, fixed before any label is seen. */
export const foldOf = (itemId: number, folds: number) => fnv1a(`fold:${itemId}`) % folds;
