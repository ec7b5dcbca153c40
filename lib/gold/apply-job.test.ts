// Applying auto-accept as a job: window by window with its progress, resumed after a worker dies
// with nothing half-applied, superseded by a newer request, run by the engine; and the blind slice
// kept apart from what is accepted and served at random whatever the queue order.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { updateAutoAcceptSettings } from "@/lib/gold/auto-accept";
import { latestApply, requestApply, runApply } from "@/lib/gold/apply-job";
import { addMember, accessFor, createTestProject, createTestUser, leadAccess } from "@/lib/testing/factories";
import { startWorker, stopWorker } from "@/lib/worker";
import { claimNextItem } from "@/lib/reviews/claim-next";
import { submitDecision } from "@/lib/reviews/submit-decision";
import { decisionInputSchema } from "@/lib/reviews/schemas";
import { waitFor } from "@/lib/testing/wait";

const L = (label: string) => ({ label });

/**
 * 300 blind items reviewed and right at confidence 0.95, then `open` unreviewed items at 0.95 (draw
 * above the share) and `reserved` unreviewed items at 0.95 whose draw puts them in the blind slice.
 */
async function project(open: number, reserved = 0) {
  const lead = await createTestUser();
  const { id: projectId } = await createTestProject(lead.id);
  const db = await getDb();
  const version = await db.promptVersion.create({
    data: { projectId, number: 1, modelId: "m", strategy: "ZERO_SHOT", instructions: "x", settings: {}, createdById: lead.id },
  });
  const kinds = [...Array(300).fill("blind"), ...Array(open).fill("open"), ...Array(reserved).fill("reserved")] as ("blind" | "open" | "reserved")[];
  for (const [k, kind] of kinds.entries()) {
    const item = await db.item.create({
      data: { projectId, externalId: `a${k}`, text: "t", status: "PRELABELED", suggestionConfidence: 0.95, blindDraw: kind === "open" ? 0.99 : 0.01 },
    });
    if (kind === "blind") {
      await db.goldLabel.create({ data: { itemId: item.id, projectId, value: L("positive"), source: "SINGLE_REVIEW", blind: true } });
      await db.item.update({ where: { id: item.id }, data: { status: "REVIEWED", inQueue: false, reviewCount: 1, blind: true } });
    }
    await db.suggestion.create({
      data: { projectId, itemId: item.id, promptVersionId: version.id, status: "OK", value: L("positive"), confidence: 0.95, model: "m" },
    });
  }
  const access = await leadAccess(lead.id, projectId);
  await updateAutoAcceptSettings(access, { errorBudgetPercent: 5, autoAccept: true, auditPercent: 10 });
  return { projectId, lead, access, db };
}

describe("auto-accept apply as a job", () => {
  it("walks the items window by window with its progress, and resumes after a worker dies with nothing half-applied", async () => {
    const { projectId, lead, db } = await project(400);
    const applyId = await requestApply(projectId, lead.id, "settings");
    // A worker takes it, commits three windows of 60 item ids, and dies.
    expect(await runApply(applyId, { window: 60, dieAfterWindows: 3 })).toBe("died");
    const midway = await db.autoAcceptApply.findUniqueOrThrow({ where: { id: applyId } });
    expect(midway.status).toBe("RUNNING");
    const autoSoFar = await db.goldLabel.count({ where: { projectId, source: "AUTO" } });
    expect(autoSoFar).toBe(midway.accepted); // what the row says it did is exactly what is committed
    expect((await latestApply(projectId))!.progress).toBeGreaterThan(0);
    expect((await latestApply(projectId))!.progress).toBeLessThan(1);
    // Its lease runs out; another worker takes over where the last committed window ended.
    expect(await runApply(applyId, { window: 60 })).toBe("not-claimed"); // the lease is still fresh
    await db.autoAcceptApply.update({ where: { id: applyId }, data: { heartbeatAt: new Date(Date.now() - 120_000) } });
    expect(await runApply(applyId, { window: 60 })).toBe("done");
    const done = await latestApply(projectId);
    expect(done).toMatchObject({ status: "DONE", progress: 1 });
    expect(done!.accepted + done!.audited).toBe(400);
    expect(await db.goldLabel.count({ where: { projectId, source: "AUTO" } })).toBe(done!.accepted);
    expect(done!.totalAccepted).toBe(done!.accepted);
    // No item is both accepted and kept for the audit; every candidate is one or the other.
    expect(await db.item.count({ where: { projectId, autoAudit: true, gold: { source: "AUTO" } } })).toBe(0);
    expect(await db.item.count({ where: { projectId, inQueue: true } })).toBe(done!.audited);
    expect(await db.auditEvent.count({ where: { projectId, kind: "autoaccept.applied" } })).toBe(1);
  });

  it("a newer request supersedes one still running: its next window finds the row taken and stops", async () => {
    const { projectId, lead, db } = await project(200);
    const first = await requestApply(projectId, lead.id, "settings");
    expect(await runApply(first, { window: 50, dieAfterWindows: 1 })).toBe("died");
    const second = await requestApply(projectId, lead.id, "settings");
    expect((await db.autoAcceptApply.findUniqueOrThrow({ where: { id: first } })).status).toBe("SUPERSEDED");
    expect(await runApply(first, { window: 50 })).toBe("not-claimed");
    expect(await runApply(second, { window: 50 })).toBe("done");
    expect((await latestApply(projectId))!.id).toBe(second);
  });

  it("is run by the engine when requested, and the settings' save returns before it is done", async () => {
    const { projectId, lead, db } = await project(100);
    const applyId = await requestApply(projectId, lead.id, "settings");
    expect((await db.autoAcceptApply.findUniqueOrThrow({ where: { id: applyId } })).status).toBe("QUEUED");
    await startWorker();
    try {
      await waitFor("the apply job to finish", async () => (await latestApply(projectId))?.status === "DONE");
      expect(await latestApply(projectId)).toMatchObject({ status: "DONE", progress: 1 });
      expect(await db.goldLabel.count({ where: { projectId, source: "AUTO" } })).toBeGreaterThan(70);
    } finally {
      await stopWorker();
    }
  }, 60_000);
});

describe("the blind slice under auto-accept", () => {
  it("never accepts an item whose draw puts it in the blind slice: those stay for people, blind", async () => {
    const { projectId, lead, db, access } = await project(100, 30);
    const applyId = await requestApply(projectId, lead.id, "settings");
    await runApply(applyId);
    const reserved = await db.item.findMany({ where: { projectId, blindDraw: { lt: 0.1 }, reviewCount: 0 }, include: { gold: true } });
    expect(reserved).toHaveLength(30);
    expect(reserved.every((i) => i.gold === null && i.inQueue && !i.autoAudit)).toBe(true);
    const task = await claimNextItem(access);
    expect(task).not.toBeNull();
    if (reserved.some((i) => i.id === task!.item.id)) expect(task!.blind).toBe(true);
  });

  it("serves the blind slice at random and audit items beside a lowest-confidence-first order", async () => {
    const lead = await createTestUser();
    const { id: projectId } = await createTestProject(lead.id);
    const db = await getDb();
    const version = await db.promptVersion.create({
      data: { projectId, number: 1, modelId: "m", strategy: "ZERO_SHOT", instructions: "x", settings: {}, createdById: lead.id },
    });
    // 200 items, confidence rising with the index; every other one in the blind slice; the 20 most confident are audit items.
    for (let k = 0; k < 200; k++) {
      const c = 0.5 + k / 400;
      const item = await db.item.create({
        data: {
          projectId,
          externalId: `q${k}`,
          text: "t",
          status: "PRELABELED",
          suggestionConfidence: c,
          blindDraw: k % 2 ? 0.9 : 0.1,
          autoAudit: k >= 180 && k % 2 === 1,
        },
      });
      await db.suggestion.create({
        data: { projectId, itemId: item.id, promptVersionId: version.id, status: "OK", value: L("positive"), confidence: c, model: "m" },
      });
    }
    await db.project.update({ where: { id: projectId }, data: { queueOrder: "LOW_CONFIDENCE", blindShare: 0.5, auditShare: 0.2 } });
    const annotator = await createTestUser();
    await addMember(projectId, annotator.id, "ANNOTATOR");
    const access = await accessFor(annotator.id, projectId);
    const seen: { confidence: number; blind: boolean; audit: boolean; draw: number }[] = [];
    for (let n = 0; n < 60; n++) {
      const task = await claimNextItem(access);
      if (!task) break;
      const item = await db.item.findUniqueOrThrow({ where: { id: task.item.id } });
      seen.push({ confidence: item.suggestionConfidence!, blind: task.blind, audit: item.autoAudit, draw: item.blindDraw });
      await submitDecision(
        access,
        decisionInputSchema.parse({ id: crypto.randomUUID(), itemId: task.item.id, action: "LABELED", value: L("positive"), seconds: 1 }),
      );
    }
    const blind = seen.filter((s) => s.blind && !s.audit);
    const ordered = seen.filter((s) => !s.blind && !s.audit);
    // Blind items come from anywhere in the confidence range, not only its bottom (where 60 claims in order would stop).
    expect(blind.length).toBeGreaterThan(10);
    expect(Math.max(...blind.map((s) => s.confidence))).toBeGreaterThan(0.8);
    // The rest follow the order: lowest confidence first.
    expect(ordered.map((s) => s.confidence)).toEqual([...ordered.map((s) => s.confidence)].sort((a, b) => a - b));
    expect(Math.max(...ordered.map((s) => s.confidence))).toBeLessThan(0.75);
    // Audit items, the most confident of all, are checked though the order would put them last, and always blind.
    const audits = seen.filter((s) => s.audit);
    expect(audits.length).toBeGreaterThan(0);
    expect(audits.every((s) => s.blind)).toBe(true);
    // The blind slice is what the draw says, whatever the order: every blind non-audit item drew below the share.
    for (const s of seen.filter((x) => !x.audit)) expect(s.blind).toBe(s.draw < 0.5);
  }, 60_000);
});
