// The library baseline for bench:learner: ml-logistic-regression (batch gradient descent on a
// dense ml-matrix). A dense matrix of 2^18 hashed features would be gigabytes, so the same TF-IDF
// features are folded into 2^10 buckets, and the steps are capped so it ends in reasonable time.
// (@stdlib/ml's incremental classifier was the other candidate; it does not install offline: one
// of its dependencies is fetched from git.)
import LogisticRegression from "ml-logistic-regression";
import { Matrix } from "ml-matrix";
import { DEFAULT_FEATURES, idfFrom, hashedCounts, vectorize } from "@/lib/learner/predict.mjs";
import type { Example } from "@/lib/learner/train";

const BITS = 10;

export function libraryBaseline(trainSet: Example[], testSet: Example[], labels: string[]) {
  const spec = { ...DEFAULT_FEATURES, hashBits: BITS };
  const started = performance.now();
  const df = new Map<number, number>();
  for (const e of trainSet) for (const b of hashedCounts(e.text, spec).index) df.set(b, (df.get(b) ?? 0) + 1);
  const idf = idfFrom(trainSet.length, [...df], BITS);
  const dense = (rows: Example[]) =>
    new Matrix(
      rows.map((e) => {
        const x = vectorize(e.text, spec, idf);
        const v = new Array<number>(1 << BITS).fill(0);
        for (let i = 0; i < x.index.length; i++) v[x.index[i]] = x.value[i];
        return v;
      }),
    );
  const model = new LogisticRegression({ numSteps: 100, learningRate: 5e-3 });
  model.train(dense(trainSet), Matrix.columnVector(trainSet.map((e) => labels.indexOf(e.labels[0]))));
  const trainS = (performance.now() - started) / 1000;
  const predicted: number[] = model.predict(dense(testSet));
  const correct = testSet.filter((e, i) => labels[predicted[i]] === e.labels[0]).length;
  return { accuracy: correct / testSet.length, trainS };
}
