// Auto-accept end to end on a database: certify from the blind slice, accept above the threshold
// (AUTO gold, out of the queue, an audit share kept for people), never measure the model with it,
// pause when the audit goes over budget, and send the labels back.
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { applyAutoAccept, sendBackToReview, updateAutoAcceptSettings } from "@/lib/gold/auto-accept";
import { projectMetrics } from "@/lib/metrics/queries";
import { createTestProject, createTestUser, leadAccess } from "@/lib/testing/factories";
import { claimNextItem } from "@/lib/reviews/claim-next";
import { submitDecision } from "@/lib/reviews/submit-decision";
import { decisionInputSchema } from "@/lib/reviews/schemas";
import { startWorker, stopWorker } from "@/lib/jobs/worker";

const L = (label: string) => ({ label });

/** `blind`: items with blind human gold; `open`: items with only a suggestion. */
async function project(blind: { n: number; confidence: number; wrong: number }[], open: { n: number; confidence: number }[]) {
  const lead = await createTestUser();
  const { id: projectId } = await createTestProject(lead.id);
  const db = await getDb();
  const version = await db.promptVersion.create({ data: { projectId, number: 1, modelId: "m", strategy: "ZERO_SHOT", instructions: "x", settings: {}, createdById: lead.id } });
  let i = 0;
  const add = async (confidence: number, gold: string | null) => {
    const item = await db.item.create({ data: { projectId, externalId: `a${i++}`, text: "t", status: "PRELABELED", suggestionConfidence: confidence } });
    if (gold) {
      await db.goldLabel.create({ data: { itemId: item.id, projectId, value: L(gold), source: "SINGLE_REVIEW", blind: true } });
      await db.item.update({ where: { id: item.id }, data: { status: "REVIEWED", inQueue: false, reviewCount: 1, blind: true } });
    }
    await db.suggestion.create({ data: { projectId, itemId: item.id, promptVersionId: version.id, status: "OK", value: L("positive"), confidence, model: "m" } });
    return item.id;
  };
  for (const b of blind) for (let k = 0; k < b.n; k++) await add(b.confidence, k < b.wrong ? "negative" : "positive");
  const openIds: number[] = [];
  for (const o of open) for (let k = 0; k < o.n; k++) openIds.push(await add(o.confidence, null));
  return { access: await leadAccess(lead.id, projectId), projectId, db, openIds, lead };
}

describe("auto-accept", () => {
  it("certifies from the blind slice, accepts what it covers as AUTO gold, keeps an audit share for people, and never measures the model with it", async () => {
    const { access, projectId, db, lead } = await project([{ n: 300, confidence: 0.95, wrong: 0 }, { n: 100, confidence: 0.6, wrong: 40 }], [{ n: 200, confidence: 0.95 }, { n: 50, confidence: 0.6 }]);
    const before = await projectMetrics(access);
    await updateAutoAcceptSettings(access, { errorBudgetPercent: 5, autoAccept: false, auditPercent: 5 });
    // Off: certified, nothing applied.
    const preview = await applyAutoAccept(projectId, lead.id);
    expect(preview.certificate?.threshold).toBe(0.95);
    expect(preview.certificate?.curve.at(0)).toMatchObject({ threshold: 0.95, candidates: 200, passed: true });
    expect(preview.accepted).toBe(0);

    await updateAutoAcceptSettings(access, { errorBudgetPercent: 5, autoAccept: true, auditPercent: 5 });
    const r = await applyAutoAccept(projectId, lead.id);
    expect(r.accepted + r.audited).toBe(200); // the 0.6 items stay for people
    expect(r.audited).toBeGreaterThan(0);
    expect(r.audited).toBeLessThan(30);
    expect(await db.goldLabel.count({ where: { projectId, source: "AUTO" } })).toBe(r.accepted);
    expect(await db.item.count({ where: { projectId, inQueue: true } })).toBe(50 + r.audited);
    expect(await db.item.count({ where: { projectId, autoAudit: true, blind: true, inQueue: true } })).toBe(r.audited);
    // AUTO gold is not gold for the model's figures.
    const after = await projectMetrics(access);
    expect(after.slices!.all.n).toBe(before.slices!.all.n);
    expect(after.gold).toEqual(before.gold);
    expect(after.autoAccepted).toBe(r.accepted);
    // Applying again accepts nothing more.
    expect((await applyAutoAccept(projectId, lead.id)).accepted).toBe(0);
  });

  it("certifies nothing on a small slice and says how many more blind items it needs", async () => {
    const { access, projectId, lead } = await project([{ n: 20, confidence: 0.95, wrong: 0 }], [{ n: 10, confidence: 0.95 }]);
    await updateAutoAcceptSettings(access, { errorBudgetPercent: 5, autoAccept: true, auditPercent: 5 });
    const r = await applyAutoAccept(projectId, lead.id);
    expect(r.certificate?.threshold).toBeNull();
    expect(r.certificate?.moreBlindNeeded).toBe(39);
    expect(r.accepted).toBe(0);
  });

  it("pauses itself when the audit's error bound goes over the budget, and sends the labels back on request", async () => {
    const { access, projectId, db, lead } = await project([{ n: 400, confidence: 0.95, wrong: 0 }], [{ n: 400, confidence: 0.95 }]);
    await updateAutoAcceptSettings(access, { errorBudgetPercent: 5, autoAccept: true, auditPercent: 30 });
    const first = await applyAutoAccept(projectId, lead.id);
    expect(first.audited).toBeGreaterThanOrEqual(80);
    // People review the audited items blind and find the model wrong on a fifth of them.
    const audited = await db.item.findMany({ where: { projectId, autoAudit: true }, orderBy: { id: "asc" } });
    for (const [k, item] of audited.entries()) {
      await db.goldLabel.create({ data: { itemId: item.id, projectId, value: L(k % 5 === 0 ? "negative" : "positive"), source: "SINGLE_REVIEW", blind: true } });
    }
    const second = await applyAutoAccept(projectId, lead.id);
    expect(second.paused).toMatch(/The audit found \d+ wrong of \d+ auto-accepted labels/);
    const p = await db.project.findUniqueOrThrow({ where: { id: projectId } });
    expect(p.autoAcceptPausedAt).not.toBeNull();
    const back = await sendBackToReview(access);
    expect(back).toBe(first.accepted);
    expect(await db.goldLabel.count({ where: { projectId, source: "AUTO" } })).toBe(0);
    expect(await db.item.count({ where: { projectId, inQueue: true, autoAudit: false } })).toBe(first.accepted);
  });

  it("checks the audit after people's audited decisions, in the background, and pauses without waiting for the next apply", async () => {
    const { access, projectId, db, lead } = await project([{ n: 400, confidence: 0.95, wrong: 0 }], [{ n: 400, confidence: 0.95 }]);
    await updateAutoAcceptSettings(access, { errorBudgetPercent: 5, autoAccept: true, auditPercent: 30 });
    const first = await applyAutoAccept(projectId, lead.id);
    expect(first.audited).toBeGreaterThanOrEqual(80);
    // The lead reviews the audited items through the queue, blind, and finds a fifth wrong.
    for (let k = 0; ; k++) {
      const task = await claimNextItem(access);
      if (!task) break;
      expect(task.blind).toBe(true);
      await submitDecision(access, decisionInputSchema.parse({ id: crypto.randomUUID(), itemId: task.item.id, action: "ACCEPTED", value: L(k % 5 === 0 ? "negative" : "positive"), seconds: 2 }));
    }
    expect((await db.project.findUniqueOrThrow({ where: { id: projectId } })).autoAcceptPausedAt).toBeNull();
    // The decisions queued the check; the worker runs it.
    await startWorker();
    try {
      const deadline = Date.now() + 20_000;
      let p = await db.project.findUniqueOrThrow({ where: { id: projectId } });
      while (!p.autoAcceptPausedAt && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        p = await db.project.findUniqueOrThrow({ where: { id: projectId } });
      }
      expect(p.autoAcceptPauseReason).toMatch(/The audit found \d+ wrong of \d+ auto-accepted labels/);
    } finally {
      await stopWorker();
    }
  }, 60_000);
});
