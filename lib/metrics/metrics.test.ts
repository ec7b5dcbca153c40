// The metrics queries on a real database, against counts worked out by hand.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { projectMetrics } from "@/lib/metrics/queries";
import { addMember, createTestProject, createTestUser } from "@/lib/testing/factories";

type Row = { gold: unknown; suggestion: unknown; confidence: number; blind?: boolean; decisions?: unknown[] };

async function projectWith(taskType: "SINGLE_LABEL" | "MULTI_LABEL" | "SPANS", rows: Row[]) {
  const lead = await createTestUser();
  const { id: projectId } = await createTestProject(lead.id, { taskType });
  const db = await getDb();
  const version = await db.promptVersion.create({ data: { projectId, number: 1, modelId: "m", strategy: "ZERO_SHOT", instructions: "x", settings: {}, createdById: lead.id } });
  const annotator = await createTestUser();
  const second = await createTestUser();
  await addMember(projectId, annotator.id, "ANNOTATOR");
  await addMember(projectId, second.id, "ANNOTATOR");
  for (const [i, r] of rows.entries()) {
    const decisions = r.decisions ?? [r.gold];
    const item = await db.item.create({ data: { projectId, externalId: `m${i}`, text: `text ${i} Alice Bob`, reviewCount: decisions.length } });
    const s = await db.suggestion.create({
      data: { projectId, itemId: item.id, promptVersionId: version.id, status: "OK", value: r.suggestion as object, confidence: r.confidence, model: "m", costUsd: 0.01 },
    });
    for (const [j, v] of decisions.entries()) {
      const same = JSON.stringify(v) === JSON.stringify(r.suggestion);
      await db.decision.create({
        data: { id: crypto.randomUUID(), projectId, itemId: item.id, annotatorId: j ? second.id : annotator.id, action: r.blind ? "LABELED" : same ? "ACCEPTED" : "CORRECTED", value: v as object, blind: Boolean(r.blind), suggestionId: r.blind ? null : s.id, seconds: 10 },
      });
    }
    if (r.gold !== null) await db.goldLabel.create({ data: { itemId: item.id, projectId, value: r.gold as object, source: "SINGLE_REVIEW", blind: Boolean(r.blind) } });
  }
  return { lead, projectId };
}

const L = (label: string) => ({ label });

describe("project metrics", () => {
  it("counts single-label accuracy, confusion and calibration per slice", async () => {
    const { lead, projectId } = await projectWith("SINGLE_LABEL", [
      { gold: L("positive"), suggestion: L("positive"), confidence: 0.95 },
      { gold: L("positive"), suggestion: L("positive"), confidence: 0.92 },
      { gold: L("negative"), suggestion: L("positive"), confidence: 0.91 },
      { gold: L("negative"), suggestion: L("negative"), confidence: 0.55, blind: true },
      { gold: L("positive"), suggestion: L("negative"), confidence: 0.52, blind: true },
    ]);
    const m = await projectMetrics(lead.id, projectId);
    expect(m.gold).toEqual({ gold: 5, blind: 2 });
    const { all, blind, assisted } = m.slices!;
    expect([all.n, all.correct]).toEqual([5, 3]);
    expect([blind.n, blind.correct, assisted.n, assisted.correct]).toEqual([2, 1, 3, 2]);
    expect(all.confusion).toEqual({ labels: ["positive", "negative"], matrix: [[2, 1], [1, 1]] });
    expect(all.calibration.bins.map((b) => [b.n, b.accuracy])).toEqual([[1, 0], [1, 1], [2, 0.5], [1, 1]]);
    expect(all.calibration.thresholds[18]).toMatchObject({ covered: 3, accuracy: 2 / 3 }); // confidence >= 0.9
    expect(m.acceptance).toEqual([
      { label: "positive", accepted: 2, corrected: 1, rate: 2 / 3 },
    ]);
    expect(m.cost).toMatchObject({ items: 5, usdPerItem: 0.01, accepted: 2, usdPerAcceptedLabel: 0.025 });
    expect(m.annotators[0]).toMatchObject({ decisions: 5, withGold: 5, agreeWithGold: 5, medianSeconds: 10, itemsPerHour: 360 });
  });

  it("reports nothing rather than zeros for an empty gold set and an all-blind project", async () => {
    const empty = await projectWith("SINGLE_LABEL", [{ gold: null, suggestion: L("positive"), confidence: 0.9 }]);
    const m = await projectMetrics(empty.lead.id, empty.projectId);
    expect(m.slices!.all).toMatchObject({ n: 0, accuracy: null, interval: null, kappa: null });
    expect(m.slices!.all.moreGoldNeeded).toBeGreaterThan(1000);
    const allBlind = await projectWith("SINGLE_LABEL", [
      { gold: L("positive"), suggestion: L("positive"), confidence: 0.9, blind: true },
      { gold: L("negative"), suggestion: L("positive"), confidence: 0.8, blind: true },
    ]);
    const b = await projectMetrics(allBlind.lead.id, allBlind.projectId);
    expect(b.slices!.blind.n).toBe(2);
    expect(b.slices!.assisted).toMatchObject({ n: 0, accuracy: null });
  });

  it("computes Krippendorff's alpha among annotators who reviewed the same items", async () => {
    const { lead, projectId } = await projectWith("SINGLE_LABEL", [
      { gold: L("positive"), suggestion: L("positive"), confidence: 0.9, decisions: [L("positive"), L("positive")] },
      { gold: L("positive"), suggestion: L("positive"), confidence: 0.9, decisions: [L("positive"), L("positive")] },
      { gold: L("negative"), suggestion: L("positive"), confidence: 0.9, decisions: [L("negative"), L("negative")] },
      { gold: null, suggestion: L("positive"), confidence: 0.9, decisions: [L("positive"), L("negative")] },
    ]);
    const m = await projectMetrics(lead.id, projectId);
    expect(m.agreement.items).toBe(4);
    expect(m.agreement.alpha).toBeCloseTo(1 - (7 * 2) / 30);
  });

  it("gives per-label, exact-match and Hamming figures for multi-label, exact and overlap figures for spans", async () => {
    const ml = await projectWith("MULTI_LABEL", [
      { gold: { labels: ["positive", "negative"] }, suggestion: { labels: ["negative", "positive"] }, confidence: 0.9 },
      { gold: { labels: ["positive"] }, suggestion: { labels: ["negative"] }, confidence: 0.9 },
    ]);
    const m = await projectMetrics(ml.lead.id, ml.projectId);
    const all = m.slices!.all;
    expect(all.multiLabel).toEqual({ exactMatch: 0.5, hammingLoss: 2 / 4 });
    expect(all.perLabel.find((l) => l.label === "positive")).toMatchObject({ tp: 1, predicted: 1, support: 2 });

    const sp = await projectWith("SPANS", [
      {
        gold: { spans: [{ label: "positive", start: 0, end: 4, text: "text" }, { label: "negative", start: 7, end: 12, text: "Alice" }] },
        suggestion: { spans: [{ label: "positive", start: 0, end: 4, text: "text" }, { label: "negative", start: 7, end: 10, text: "Ali" }] },
        confidence: 0.7,
      },
    ]);
    const s = (await projectMetrics(sp.lead.id, sp.projectId)).slices!.all;
    expect(s.spans!.exact.find((l) => l.label === "negative")).toMatchObject({ tp: 0, precision: 0, recall: 0 });
    expect(s.spans!.overlap.find((l) => l.label === "negative")).toMatchObject({ precision: 1, recall: 1 });
    expect(s.spans!.exact.find((l) => l.label === "positive")).toMatchObject({ precision: 1, recall: 1, f1: 1 });
  });

  it("is for the project's leads only", async () => {
    const { projectId } = await projectWith("SINGLE_LABEL", []);
    const outsider = await createTestUser();
    await expect(projectMetrics(outsider.id, projectId)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
