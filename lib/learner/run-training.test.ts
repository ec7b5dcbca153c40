// The learner on a database: a lead asks for a training, the job trains on human gold and on the
// LLM's labels, scores both beside the LLM on the blind slice, and the stored model predicts what
// the app predicts.
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { createTestProject, createTestUser, leadAccess } from "@/lib/testing/factories";
import { learnerStatus, latestLearnerFile, predictTexts, requestTraining } from "@/lib/learner/service";
import { runLearnerTraining } from "@/lib/learner/run-training";
import { loadLearner, predict } from "@/lib/learner/predict.mjs";

const POS = ["great product, works perfectly", "love it, excellent quality", "fantastic, would buy again", "superb and reliable"];
const NEG = ["terrible, broke after a day", "awful quality, refund please", "worst purchase ever", "useless and slow"];

async function project(goldCount: number) {
  const lead = await createTestUser();
  const { id: projectId } = await createTestProject(lead.id);
  const db = await getDb();
  const version = await db.promptVersion.create({ data: { projectId, number: 1, modelId: "m", strategy: "ZERO_SHOT", instructions: "x", settings: {}, createdById: lead.id } });
  for (let i = 0; i < goldCount + 60; i++) {
    const positive = i % 2 === 0;
    const text = `${(positive ? POS : NEG)[Math.floor(i / 2) % 4]} #${i}`;
    const item = await db.item.create({ data: { projectId, externalId: `r${i}`, text, status: "PRELABELED" } });
    // The LLM is right except on every tenth item.
    const llmPositive = i % 10 === 9 ? !positive : positive;
    await db.suggestion.create({ data: { projectId, itemId: item.id, promptVersionId: version.id, status: "OK", value: { label: llmPositive ? "positive" : "negative" }, confidence: 0.9, model: "m" } });
    if (i < goldCount) {
      await db.goldLabel.create({ data: { itemId: item.id, projectId, value: { label: positive ? "positive" : "negative" }, source: "SINGLE_REVIEW", blind: i % 2 === 0 || i % 3 === 0 } });
    }
  }
  return { access: await leadAccess(lead.id, projectId), projectId };
}

describe("the task learner", () => {
  it("refuses to train on too little gold, saying how much there is", async () => {
    const { access } = await project(5);
    await expect(requestTraining(access)).rejects.toMatchObject({ code: "VALIDATION", message: expect.stringContaining("this project has 5") });
  });

  it("trains on gold and on the LLM's labels, scores both beside the LLM on the same blind items, and the file predicts what the app does", async () => {
    const { access } = await project(120);
    const queued = await requestTraining(access);
    await expect(requestTraining(access)).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await runLearnerTraining(queued.id)).toBe("done");
    expect(await runLearnerTraining(queued.id)).toBe("not-claimed");
    const { ready } = await learnerStatus(access);
    expect(ready).toMatchObject({ status: "READY", goldItems: 120, llmItems: 60 });
    const s = ready!.scores!;
    expect(s.blindItems).toBe(80); // even or divisible by three, of 120
    expect(s.llm!.n).toBe(80);
    expect(s.gold.n).toBe(80);
    expect(s.distilled!.n).toBe(80);
    // The LLM is wrong on a tenth; a learner on clean gold of an easy task does better.
    expect(s.llm!.accuracy).toBeCloseTo(72 / 80, 1);
    expect(s.gold.accuracy!).toBeGreaterThan(0.95);
    expect(s.curve.length).toBeGreaterThan(0);
    expect(s.curve.at(-1)!.trainingItems).toBeGreaterThan(s.curve[0].trainingItems);

    const texts = ["excellent quality, love it", "broke after a day, awful"];
    const fromApp = await predictTexts(access, texts);
    expect(fromApp.predictions.map((p) => p.labels[0])).toEqual(["positive", "negative"]);
    const { file } = await latestLearnerFile(access, "gold");
    const downloaded = loadLearner(JSON.parse(JSON.stringify(file)));
    expect(texts.map((t) => predict(downloaded, t))).toEqual(fromApp.predictions);
  }, 60_000);
});
