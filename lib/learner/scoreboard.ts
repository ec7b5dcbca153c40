// One training: the learner fitted on human gold (scored out of fold), the learner distilled from
// the LLM's labels on items without human gold, the LLM itself, all three scored on the same blind
// items, and a learning curve. Pure: the job reads the data and stores what this returns.
import { fnv1a, loadLearner, predict, type LearnerFile } from "@/lib/learner/predict.mjs";
import { breathe, foldOf, train, type TaskType } from "@/lib/learner/train";
import { confidenceOf, crossFit, FOLDS, sameLabels, scoreOf, type Keyed, type Predictor, type Score } from "@/lib/learner/evaluate";
import type { GoldItem } from "@/lib/learner/data";
import { wilson, type Interval } from "@/lib/stats/measures";
import { taskTypeDef } from "@/lib/task-types";

export type CurvePoint = { trainingItems: number; accuracy: number | null; interval: Interval | null };
export type Scoreboard = {
  /** The blind items all three are scored on (those with an LLM suggestion, when any have one). */
  blindItems: number;
  llm: Score | null;
  gold: Score;
  distilled: Score | null;
  /** Accuracy of learners fitted on more and more gold, on the blind items of one held-out fold. */
  curve: CurvePoint[];
  curveTestItems: number;
  /**
   * The gold learner's out-of-fold confidence on each blind item and whether it was right (1) or
   * not (0): the cascade certifies its threshold on these, and answers with the same fold models.
   */
  blindJudged: [number, 0 | 1][];
};

const fitter =
  (labels: string[], taskType: TaskType) =>
  async (rows: Keyed[]): Promise<Predictor> => {
    const learner = loadLearner(await train(rows, labels, taskType));
    return (text) => predict(learner, text);
  };

export async function trainAndScore(a: { gold: GoldItem[]; llm: Keyed[]; labels: string[]; taskType: TaskType }) {
  const multi = taskTypeDef(a.taskType).field === "labels";
  const fit = fitter(a.labels, a.taskType);
  const blind = a.gold.filter((g) => g.blind);
  const withLlm = blind.filter((g) => g.llm !== null);
  const compared = withLlm.length ? withLlm : blind;
  const comparedIds = new Set(compared.map((g) => g.itemId));
  // The fold models are kept: the cascade answers a new item with the model of its fold, so the
  // out-of-fold answers it is certified on come from the very models that answer.
  const foldFiles: LearnerFile[] = [];
  const fitFold = async (rows: Keyed[], fold: number): Promise<Predictor> => {
    foldFiles[fold] = await train(rows, a.labels, a.taskType);
    const learner = loadLearner(foldFiles[fold]);
    return (text) => predict(learner, text);
  };
  const outOfFold = await crossFit(a.gold, fitFold, (g) => comparedIds.has(g.itemId));
  const goldFile = await train(a.gold, a.labels, a.taskType);
  const distilledFile = a.llm.length ? await train(a.llm, a.labels, a.taskType) : null;
  if (distilledFile) distilledFile.training.source = "LLM";
  const distilled = distilledFile ? loadLearner(distilledFile) : null;
  const goldRows = compared.map((g) => {
    const p = outOfFold.get(g.itemId)!;
    return { truth: g.labels, predicted: p.labels, confidence: confidenceOf(p, multi) };
  });
  const scoreboard: Scoreboard = {
    blindItems: compared.length,
    llm: withLlm.length
      ? scoreOf(
          withLlm.map((g) => ({ truth: g.labels, predicted: g.llm!, confidence: null })),
          a.labels,
        )
      : null,
    gold: scoreOf(goldRows, a.labels),
    blindJudged: goldRows.map((r) => [Number(r.confidence.toFixed(6)), sameLabels(r.truth, r.predicted) ? 1 : 0]),
    distilled: distilled ? scoreOf(await predictAll(compared, (text) => predict(distilled, text), multi), a.labels) : null,
    ...(await learningCurve(a.gold, fit)),
  };
  goldFile.score = scoreboard.gold;
  if (distilledFile) distilledFile.score = scoreboard.distilled;
  return { scoreboard, goldFile, distilledFile, foldFiles };
}

/**
 * Fold 0's blind items are the test set; learners are fitted on the first 25, 50, 100, ... of the
 * other gold items (in a fixed hashed order) and on all of them.
 */
async function learningCurve(gold: GoldItem[], fit: (rows: Keyed[]) => Promise<Predictor>): Promise<Pick<Scoreboard, "curve" | "curveTestItems">> {
  const test = gold.filter((g) => g.blind && foldOf(g.itemId, FOLDS) === 0);
  const pool = gold.filter((g) => foldOf(g.itemId, FOLDS) !== 0).sort((x, y) => fnv1a(`order:${x.itemId}`) - fnv1a(`order:${y.itemId}`));
  if (!test.length || pool.length < 10) return { curve: [], curveTestItems: test.length };
  const sizes: number[] = [];
  for (let n = 25; n < pool.length; n *= 2) sizes.push(n);
  sizes.push(pool.length);
  const curve: CurvePoint[] = [];
  for (const n of sizes) {
    const predictor = await fit(pool.slice(0, n));
    const correct = (await predictAll(test, predictor, false)).filter((r) => sameLabels(r.predicted, r.truth)).length;
    curve.push({ trainingItems: n, accuracy: correct / test.length, interval: wilson(correct, test.length) });
  }
  return { curve, curveTestItems: test.length };
}

/** Predictions for many items, giving the event loop a turn every 50 (the job may share the web process). */
async function predictAll(items: GoldItem[], predictor: Predictor, multi: boolean) {
  const rows = [];
  for (const [k, g] of items.entries()) {
    const p = predictor(g.text);
    rows.push({ truth: g.labels, predicted: p.labels, confidence: confidenceOf(p, multi) });
    if (k % 50 === 49) await breathe();
  }
  return rows;
}

export type { LearnerFile };
