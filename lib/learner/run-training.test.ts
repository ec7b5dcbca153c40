// The learner on a database: a lead asks for a training, the job trains on human gold and on the
// LLM's labels, scores both beside the LLM on the blind slice, and the stored model predicts what
// the app predicts.
import { describe, expect, it } from "vitest";
import { getDatabase, getDb } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { inBlindSlice } from "@/lib/gold/sql";
import { accessFor, createTestProject, createTestUser, leadAccess } from "@/lib/testing/factories";
import { learnerStatus, latestLearnerFile, predictTexts, requestTraining, retrainWhereDue } from "@/lib/learner/service";
import { claimNextItem } from "@/lib/reviews/claim-next";
import { submitDecision } from "@/lib/reviews/submit-decision";
import { decisionInputSchema } from "@/lib/reviews/schemas";
import { runLearnerTraining } from "@/lib/learner/run-training";
import { loadLearner, predict } from "@/lib/learner/predict.mjs";

const POS = ["great product, works perfectly", "love it, excellent quality", "fantastic, would buy again", "superb and reliable"];
const NEG = ["terrible, broke after a day", "awful quality, refund please", "worst purchase ever", "useless and slow"];

async function project(goldCount: number) {
  const lead = await createTestUser();
  const { id: projectId } = await createTestProject(lead.id);
  const db = await getDb();
  const version = await db.promptVersion.create({
    data: { projectId, number: 1, modelId: "m", strategy: "ZERO_SHOT", instructions: "x", settings: {}, createdById: lead.id },
  });
  for (let i = 0; i < goldCount + 60; i++) {
    const positive = i % 2 === 0;
    const text = `${(positive ? POS : NEG)[Math.floor(i / 2) % 4]} #${i}`;
    const item = await db.item.create({ data: { projectId, externalId: `r${i}`, text, status: "PRELABELED" } });
    // The LLM is right except on every tenth item.
    const llmPositive = i % 10 === 9 ? !positive : positive;
    await db.suggestion.create({
      data: {
        projectId,
        itemId: item.id,
        promptVersionId: version.id,
        status: "OK",
        value: { label: llmPositive ? "positive" : "negative" },
        confidence: 0.9,
        model: "m",
      },
    });
    if (i < goldCount) {
      const blind = i % 2 === 0 || i % 3 === 0;
      await db.goldLabel.create({ data: { itemId: item.id, projectId, value: { label: positive ? "positive" : "negative" }, source: "SINGLE_REVIEW", blind } });
      await db.item.update({ where: { id: item.id }, data: { status: "REVIEWED", inQueue: false, reviewCount: 1, blind } });
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

describe("active learning", () => {
  it("orders the queue by the learner: disagreements with the LLM first, and the mixed order keeps the blind set random and blind", async () => {
    const { access, projectId } = await project(120);
    const db = await getDb();
    const t = await requestTraining(access);
    expect(await runLearnerTraining(t.id)).toBe("done");
    // The 60 items without gold wait in the queue, scored by the learner.
    const rows = await db.learnerQueue.findMany({ where: { projectId } });
    expect(rows).toHaveLength(60);
    // The LLM is wrong on every tenth item; the learner, trained on clean gold, disagrees there.
    const disagreeing = rows.filter((r) => r.disagree).map((r) => r.itemId);
    expect(disagreeing.length).toBe(6);

    const claimFirst = async (order: "IMPORT_ORDER" | "LEARNER_DISAGREEMENT" | "LEARNER_UNCERTAIN", blindShare = 0) => {
      await db.project.update({ where: { id: projectId }, data: { queueOrder: order, blindShare } });
      const who = await createTestUser();
      await db.membership.create({ data: { projectId, userId: who.id, role: "ANNOTATOR" } });
      return accessFor(who.id, projectId);
    };
    const byImport = await claimNextItem(await claimFirst("IMPORT_ORDER"));
    const byDisagreement = await claimNextItem(await claimFirst("LEARNER_DISAGREEMENT"));
    expect(disagreeing).toContain(byDisagreement!.item.id);
    expect(disagreeing).not.toContain(byImport!.item.id);
    const byMargin = await claimNextItem(await claimFirst("LEARNER_UNCERTAIN"));
    const least = [...rows].sort((a, b) => a.margin - b.margin || a.itemId - b.itemId);
    expect(least.slice(0, 3).map((r) => r.itemId)).toContain(byMargin!.item.id); // the first few are leased already

    // An ordered queue beside a random blind slice: every item from the blind slice (its draw below
    // the share) is shown blind, every other item is not.
    const mixed = await claimFirst("LEARNER_DISAGREEMENT", 0.3);
    const seen: { id: number; blind: boolean }[] = [];
    for (let task = await claimNextItem(mixed); task; task = await claimNextItem(mixed)) {
      seen.push({ id: task.item.id, blind: task.blind });
      await submitDecision(
        mixed,
        decisionInputSchema.parse({ id: crypto.randomUUID(), itemId: task.item.id, action: "LABELED", value: { label: "positive" }, seconds: 1 }),
      );
    }
    expect(seen.length).toBeGreaterThan(40);
    const database = await getDatabase();
    const blindSet = (await database.query<{ id: number }>(sql`SELECT i.id FROM "Item" i WHERE i."projectId" = ${projectId} AND ${inBlindSlice(0.3)}`)).map(
      (r) => Number(r.id),
    );
    expect(blindSet.length).toBeGreaterThan(20);
    for (const s of seen) expect(s.blind, `item ${s.id}`).toBe(blindSet.includes(s.id));
    expect(seen.some((s) => s.blind)).toBe(true);
  }, 60_000);

  it("trains again once enough new gold has come in on a learner-ordered project", async () => {
    const { access, projectId } = await project(120);
    const db = await getDb();
    await db.project.update({ where: { id: projectId }, data: { queueOrder: "LEARNER_MIXED" } });
    // Other tests' projects may be due too: only this one's answer matters.
    const due = async (every: number) => (await retrainWhereDue(every)).filter((id) => id === projectId);
    expect(await due(1000)).toEqual([]); // 120 gold, never trained: below the step
    const t = await requestTraining(access);
    expect(await runLearnerTraining(t.id)).toBe("done");
    expect(await due(10)).toEqual([]); // nothing new since
    const extra = await db.item.findMany({ where: { projectId, gold: null }, take: 10 });
    for (const item of extra)
      await db.goldLabel.create({ data: { itemId: item.id, projectId, value: { label: "positive" }, source: "SINGLE_REVIEW", blind: false } });
    expect(await due(10)).toEqual([projectId]);
    expect(await due(10)).toEqual([]); // one at a time
  }, 60_000);
});
