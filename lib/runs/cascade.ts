// The cascade: before a run sends its items to the LLM, the task learner answers the items it is
// sure enough of, and only the rest are billed. "Sure enough" is certified the way auto-accept is
// (lib/gold/certify.ts): on the gold learner's out-of-fold answers on the blind slice, the lowest
// confidence threshold whose 95% upper bound on the error is within the project's error budget,
// scanned in a fixed sequence. The answers come from the same fold models: a new item is answered
// by the model of its fold (a hash of its id), which never trained on that fold, exactly as each
// blind item's certified answer came from the model that never trained on its fold. (The model
// trained on all gold answered before; on a second corpus its error above the threshold was 1-3
// points higher than certified.) The learner's answers become suggestions of a stand-in prompt
// version (model "goldset-learner", one per training), so they are measured on their own and
// never mixed into the LLM's figures. Checked once per run, before its first request.
import crypto from "node:crypto";
import { getDatabase, getDb } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { certifyThreshold } from "@/lib/gold/certify";
import { markPrelabeled } from "@/lib/gold/sql";
import { confidenceOf, FOLDS } from "@/lib/learner/evaluate";
import { loadLearner, predict, type LearnerFile, type LoadedLearner } from "@/lib/learner/predict.mjs";
import type { Scoreboard } from "@/lib/learner/scoreboard";
import { breathe, foldOf } from "@/lib/learner/train";
import { LEARNER_MODEL } from "@/lib/prompts/versions";
import { lockItems, upsertSuggestions } from "@/lib/runs/sql";
import { standInVersion } from "@/lib/prompts/stand-in-version";
import { hasTaskLearner } from "@/lib/learner/task-types";
import { log } from "@/lib/observability/log";
import { taskTypeDef } from "@/lib/task-types";

const PAGE = 1000;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

type RunRow = {
  id: string;
  projectId: string;
  promptVersionId: string;
  createdById: string;
  taskType: string;
  learnerCascade: boolean;
  errorBudget: number | null;
};

/** Runs the cascade once for the run (a no-op after the first time) and records what it did and why. */
export async function cascadeRun(runId: string): Promise<void> {
  const db = await getDb();
  const run = await db.run.findUniqueOrThrow({
    where: { id: runId },
    select: {
      id: true,
      projectId: true,
      promptVersionId: true,
      createdById: true,
      cascadeChecked: true,
      project: { select: { taskType: true, learnerCascade: true, errorBudget: true } },
    },
  });
  if (run.cascadeChecked) return;
  const row: RunRow = { ...run, ...run.project };
  const note = await cascade(row).catch((err: Error) => {
    log.error(`[cascade ${runId}]`, { err });
    return `The task learner could not answer (${err.message}): every item goes to the LLM.`;
  });
  await db.run.update({ where: { id: runId }, data: { cascadeChecked: true, cascadeNote: note } });
}

async function cascade(run: RunRow): Promise<string | null> {
  if (!run.learnerCascade || !hasTaskLearner(run.taskType)) return null;
  if (run.errorBudget === null) return "The cascade needs an error budget (Settings): none is set, so every item goes to the LLM.";
  const db = await getDb();
  const training = await db.learnerTraining.findFirst({
    where: { projectId: run.projectId, status: "READY" },
    orderBy: { createdAt: "desc" },
    select: { id: true, goldModel: true, foldModels: true, scores: true },
  });
  if (!training?.goldModel) return "No trained task learner yet: every item goes to the LLM.";
  const folds = training.foldModels as unknown as LearnerFile[] | null;
  if (!folds || folds.length !== FOLDS)
    return "The task learner was trained before the cascade answered with its certified fold models: train it again (Quality page) to use the cascade.";
  const judged = ((training.scores as Scoreboard | null)?.blindJudged ?? []).map(([confidence, correct]) => ({ confidence, correct: correct === 1 }));
  const cert = certifyThreshold(judged, run.errorBudget);
  if (cert.threshold === null) {
    const more = cert.moreBlindNeeded === null ? "" : ` (about ${cert.moreBlindNeeded.toLocaleString()} more blind reviews would help)`;
    return `The task learner is not certified at the ${pct(run.errorBudget)} budget on ${judged.length.toLocaleString()} blind items${more}: every item goes to the LLM.`;
  }
  const versionId = await standInVersion(run.projectId, run.createdById, { kind: "learner", trainingId: training.id, modelId: LEARNER_MODEL });
  const meanCost = await meanCostPerItem(run.promptVersionId);
  const answered = await answerAbove(run, versionId, folds.map(loadLearner), cert.threshold, meanCost);
  return (
    `The task learner answered ${answered.toLocaleString()} items at a confidence of ${pct(cert.threshold)} or more, certified on ${cert.n.toLocaleString()} blind items ` +
    `(${cert.errors} wrong: at most ${pct(cert.upper ?? 1)} with 95% confidence, budget ${pct(run.errorBudget)}); the rest went to the LLM.` +
    (meanCost === null ? " No earlier answers of this version to price what that saved." : "")
  );
}

/** What one item of this version cost on average so far (null before any answer). */
async function meanCostPerItem(promptVersionId: string): Promise<number | null> {
  const database = await getDatabase();
  const [r] = await database.query<{ mean: number | null }>(
    sql`SELECT avg(s."costUsd")::float8 AS mean FROM "Suggestion" s WHERE s."promptVersionId" = ${promptVersionId} AND s.status = 'OK'`,
  );
  return r?.mean ?? null;
}

/** Pages through the run's waiting items; the ones the learner is sure of get its answer and leave the run. */
async function answerAbove(run: RunRow, versionId: string, foldLearners: LoadedLearner[], threshold: number, meanCost: number | null): Promise<number> {
  const database = await getDatabase();
  const multi = taskTypeDef(run.taskType).field === "labels";
  let answered = 0;
  for (let after = 0; ;) {
    const page = await database.query<{ itemId: number; text: string }>(
      sql`SELECT r."itemId", i.text FROM "RunItem" r JOIN "Item" i ON i.id = r."itemId"
          WHERE r."runId" = ${run.id} AND r.status = 'PENDING' AND r."itemId" > ${after} ORDER BY r."itemId" LIMIT ${PAGE}`,
    );
    const sure: { itemId: number; value: object; confidence: number }[] = [];
    for (const [k, { itemId, text }] of page.entries()) {
      if (k % 50 === 49) await breathe(); // a few ms of predictions at a time
      const p = predict(foldLearners[foldOf(Number(itemId), FOLDS)], text);
      const confidence = confidenceOf(p, multi);
      if (confidence >= threshold) sure.push({ itemId: Number(itemId), value: multi ? { labels: p.labels } : { label: p.labels[0] }, confidence });
    }
    if (sure.length) await record(run, versionId, sure, meanCost);
    answered += sure.length;
    await breathe();
    if (page.length < PAGE) break;
    after = Number(page[page.length - 1].itemId);
  }
  return answered;
}

async function record(run: RunRow, versionId: string, sure: { itemId: number; value: object; confidence: number }[], meanCost: number | null) {
  const database = await getDatabase();
  const ids = sure.map((s) => s.itemId);
  await database.rawTransaction(async (tx) => {
    // Only items still waiting (not taken by a worker meanwhile) leave the run.
    const gone = await tx.query<{ itemId: number }>(
      sql`DELETE FROM "RunItem" WHERE "runId" = ${run.id} AND "itemId" = ANY(${ids}::int[]) AND status = 'PENDING' AND "lockedUntil" IS NULL RETURNING "itemId"`,
    );
    const left = new Set(gone.map((g) => Number(g.itemId)));
    const rows = sure
      .filter((s) => left.has(s.itemId))
      .map((s) => ({
        id: crypto.randomUUID(),
        itemId: s.itemId,
        status: "OK",
        value: s.value,
        confidence: s.confidence,
        confidenceSource: "LEARNER",
        rationale: null,
        failureReason: null,
        inputTokens: 0,
        outputTokens: 0,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
        costUsd: 0,
        latencyMs: 0,
      }));
    if (!rows.length) return;
    await tx.query(lockItems(rows.map((r) => r.itemId)));
    await tx.query(
      upsertSuggestions({ projectId: run.projectId, promptVersionId: versionId, runId: run.id, model: LEARNER_MODEL, rowsJson: JSON.stringify(rows) }),
    );
    await tx.query(
      markPrelabeled(
        run.projectId,
        rows.map((r) => ({ i: r.itemId, c: r.confidence })),
      ),
    );
    await tx.query(
      sql`UPDATE "Run" SET "totalItems" = "totalItems" - ${rows.length}, "cascadedItems" = "cascadedItems" + ${rows.length},
                 "cascadeSavedUsd" = "cascadeSavedUsd" + ${(meanCost ?? 0) * rows.length} WHERE id = ${run.id}`,
    );
  });
}
