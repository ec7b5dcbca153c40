// The metrics queries on a real database, against counts worked out by hand.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { projectMetrics } from "@/lib/metrics/queries";
import { compareVersions } from "@/lib/metrics/compare";
import { claimNextItem } from "@/lib/reviews/claim-next";
import { submitDecision } from "@/lib/reviews/submit-decision";
import { editDecision, undoLastDecision } from "@/lib/reviews/change-decision";
import { settleItems } from "@/lib/runs/settle-items";
import { accessFor, addMember, createTestProject, createTestUser, leadAccess } from "@/lib/testing/factories";
import { decisionInputSchema, editDecisionSchema } from "@/lib/reviews/schemas";
import { sql } from "@/lib/db/sql";

type Row = { gold: unknown; suggestion: unknown; confidence: number; blind?: boolean; decisions?: unknown[] };

async function projectWith(taskType: "SINGLE_LABEL" | "MULTI_LABEL" | "SPANS", rows: Row[]) {
  const lead = await createTestUser();
  const { id: projectId } = await createTestProject(lead.id, { taskType });
  const db = await getDb();
  const version = await db.promptVersion.create({
    data: { projectId, number: 1, modelId: "m", strategy: "ZERO_SHOT", instructions: "x", settings: {}, createdById: lead.id },
  });
  const annotator = await createTestUser();
  const second = await createTestUser();
  await addMember(projectId, annotator.id, "ANNOTATOR");
  await addMember(projectId, second.id, "ANNOTATOR");
  for (const [i, r] of rows.entries()) {
    const decisions = r.decisions ?? [r.gold];
    const item = await db.item.create({ data: { projectId, externalId: `m${i}`, text: `text ${i} Alice Bob`, reviewCount: decisions.length } });
    const s = await db.suggestion.create({
      data: {
        projectId,
        itemId: item.id,
        promptVersionId: version.id,
        status: "OK",
        value: r.suggestion as object,
        confidence: r.confidence,
        model: "m",
        costUsd: 0.01,
      },
    });
    for (const [j, v] of decisions.entries()) {
      const same = JSON.stringify(v) === JSON.stringify(r.suggestion);
      await db.decision.create({
        data: {
          id: crypto.randomUUID(),
          projectId,
          itemId: item.id,
          annotatorId: j ? second.id : annotator.id,
          action: r.blind ? "LABELED" : same ? "ACCEPTED" : "CORRECTED",
          value: v as object,
          blind: Boolean(r.blind),
          suggestionId: r.blind ? null : s.id,
          seconds: 10,
        },
      });
    }
    if (r.gold !== null)
      await db.goldLabel.create({ data: { itemId: item.id, projectId, value: r.gold as object, source: "SINGLE_REVIEW", blind: Boolean(r.blind) } });
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
    const m = await projectMetrics(await leadAccess(lead.id, projectId));
    expect(m.gold).toEqual({ gold: 5, blind: 2, synthetic: 0 });
    const { all, blind, assisted } = m.slices!;
    expect([all.n, all.correct]).toEqual([5, 3]);
    expect([blind.n, blind.correct, assisted.n, assisted.correct]).toEqual([2, 1, 3, 2]);
    expect(all.confusion).toEqual({
      labels: ["positive", "negative"],
      matrix: [
        [2, 1],
        [1, 1],
      ],
    });
    expect(all.calibration.bins.map((b) => [b.n, b.accuracy])).toEqual([
      [1, 0],
      [1, 1],
      [2, 0.5],
      [1, 1],
    ]);
    expect(all.calibration.thresholds[18]).toMatchObject({ covered: 3, accuracy: 2 / 3 }); // confidence >= 0.9
    expect(m.acceptance).toEqual([{ label: "positive", accepted: 2, corrected: 1, rate: 2 / 3 }]);
    expect(m.cost).toMatchObject({ items: 5, usdPerItem: 0.01, accepted: 2, usdPerAcceptedLabel: 0.025 });
    // Agreement is with the other reviewers of an item; here everyone reviewed alone.
    expect(m.annotators[0]).toMatchObject({ decisions: 5, sharedItems: 0, othersAgreement: null, medianSeconds: 10, itemsPerHour: 360 });
  });

  it("reports nothing rather than zeros for an empty gold set and an all-blind project", async () => {
    const empty = await projectWith("SINGLE_LABEL", [{ gold: null, suggestion: L("positive"), confidence: 0.9 }]);
    const m = await projectMetrics(await leadAccess(empty.lead.id, empty.projectId));
    expect(m.slices!.all).toMatchObject({ n: 0, accuracy: null, interval: null, kappa: null });
    expect(m.slices!.all.moreGoldNeeded).toBeGreaterThan(1000);
    const allBlind = await projectWith("SINGLE_LABEL", [
      { gold: L("positive"), suggestion: L("positive"), confidence: 0.9, blind: true },
      { gold: L("negative"), suggestion: L("positive"), confidence: 0.8, blind: true },
    ]);
    const b = await projectMetrics(await leadAccess(allBlind.lead.id, allBlind.projectId));
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
    const m = await projectMetrics(await leadAccess(lead.id, projectId));
    expect(m.agreement.items).toBe(4);
    expect(m.agreement.alpha).toBeCloseTo(1 - (7 * 2) / 30);
    // Each shares four items with the other and agrees on three; the gold, made of their own
    // answers, plays no part.
    expect(m.annotators.map((a) => [a.decisions, a.sharedItems, a.othersAgreement])).toEqual([
      [4, 4, 0.75],
      [4, 4, 0.75],
    ]);
  });

  it("gives per-label, exact-match and Hamming figures for multi-label, exact and overlap figures for spans", async () => {
    const ml = await projectWith("MULTI_LABEL", [
      { gold: { labels: ["positive", "negative"] }, suggestion: { labels: ["negative", "positive"] }, confidence: 0.9 },
      { gold: { labels: ["positive"] }, suggestion: { labels: ["negative"] }, confidence: 0.9 },
    ]);
    const m = await projectMetrics(await leadAccess(ml.lead.id, ml.projectId));
    const all = m.slices!.all;
    expect(all.multiLabel).toEqual({ exactMatch: 0.5, hammingLoss: 2 / 4 });
    expect(all.perLabel.find((l) => l.label === "positive")).toMatchObject({ tp: 1, predicted: 1, support: 2 });

    const sp = await projectWith("SPANS", [
      {
        gold: {
          spans: [
            { label: "positive", start: 0, end: 4, text: "text" },
            { label: "negative", start: 7, end: 12, text: "Alice" },
          ],
        },
        suggestion: {
          spans: [
            { label: "positive", start: 0, end: 4, text: "text" },
            { label: "negative", start: 7, end: 10, text: "Ali" },
          ],
        },
        confidence: 0.7,
      },
    ]);
    const s = (await projectMetrics(await leadAccess(sp.lead.id, sp.projectId))).slices!.all;
    expect(s.spans!.exact.find((l) => l.label === "negative")).toMatchObject({ tp: 0, precision: 0, recall: 0 });
    expect(s.spans!.overlap.find((l) => l.label === "negative")).toMatchObject({ precision: 1, recall: 1 });
    expect(s.spans!.exact.find((l) => l.label === "positive")).toMatchObject({ precision: 1, recall: 1, f1: 1 });
  });

  it("keeps each suggestion's accepted and corrected counts through submit, edit and undo", async () => {
    const { lead, projectId } = await projectWith("SINGLE_LABEL", []);
    const db = await getDb();
    await db.project.update({ where: { id: projectId }, data: { blindShare: 0 } });
    const version = await db.promptVersion.findFirstOrThrow({ where: { projectId } });
    const item = await db.item.create({ data: { projectId, externalId: "c1", text: "counted" } });
    const suggestion = await db.suggestion.create({
      data: { projectId, itemId: item.id, promptVersionId: version.id, status: "OK", value: L("positive"), confidence: 0.8, model: "m" },
    });
    const annotator = await createTestUser();
    await addMember(projectId, annotator.id, "ANNOTATOR");
    const counts = async () => {
      const s = await db.suggestion.findUniqueOrThrow({ where: { id: suggestion.id } });
      return [s.acceptedCount, s.correctedCount];
    };

    await claimNextItem(await accessFor(annotator.id, projectId));
    const id = crypto.randomUUID();
    await submitDecision(
      await accessFor(annotator.id, projectId),
      decisionInputSchema.parse({ id, itemId: item.id, action: "ACCEPTED", value: L("positive") }),
    );
    expect(await counts()).toEqual([1, 0]);
    await editDecision(await accessFor(annotator.id, projectId), id, editDecisionSchema.parse({ value: L("negative"), version: 1 }));
    expect(await counts()).toEqual([0, 1]);
    expect((await projectMetrics(await leadAccess(lead.id, projectId))).acceptance).toEqual([{ label: "positive", accepted: 0, corrected: 1, rate: 0 }]);
    await undoLastDecision(await accessFor(annotator.id, projectId));
    expect(await counts()).toEqual([0, 0]);
  });

  it("keeps each suggestion's copy of its item's gold, also while a run and reviewers work on the same items", async () => {
    const { lead, projectId } = await projectWith("SINGLE_LABEL", []);
    const db = await getDb();
    await db.project.update({ where: { id: projectId }, data: { blindShare: 0.3 } });
    const v1 = await db.promptVersion.findFirstOrThrow({ where: { projectId } });
    const v2 = await db.promptVersion.create({
      data: { projectId, number: 2, modelId: "m", strategy: "ZERO_SHOT", instructions: "y", settings: {}, createdById: lead.id },
    });
    const n = 120;
    await db.item.createMany({ data: Array.from({ length: n }, (_, i) => ({ projectId, externalId: `r${i}`, text: `race ${i}` })) });
    const items = await db.item.findMany({ where: { projectId }, orderBy: { id: "asc" } });
    await db.suggestion.createMany({
      data: items.map((it) => ({ projectId, itemId: it.id, promptVersionId: v1.id, status: "OK" as const, value: L("positive"), confidence: 0.9, model: "m" })),
    });
    const run = await db.run.create({ data: { projectId, promptVersionId: v2.id, selection: { kind: "GOLD" }, concurrency: 1, createdById: lead.id } });
    await db.runItem.createMany({ data: items.map((it) => ({ runId: run.id, itemId: it.id })) });
    const people = [await createTestUser(), await createTestUser(), await createTestUser()];
    for (const u of people) await addMember(projectId, u.id, "ANNOTATOR");

    const reviewing = people.map(async (u, k) => {
      for (;;) {
        const task = await claimNextItem(await accessFor(u.id, projectId));
        if (!task) return;
        await submitDecision(
          await accessFor(u.id, projectId),
          decisionInputSchema.parse({ id: crypto.randomUUID(), itemId: task.item.id, action: "LABELED", value: L(k % 2 ? "negative" : "positive") }),
        );
      }
    });
    const settled = {
      outcome: { kind: "ok" as const, value: L("negative"), confidence: 0.7, confidenceSource: "SELF_REPORTED" as const, rationale: null },
      usage: { inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0 },
      cost: 0,
      latencyMs: 1,
    };
    const running = (async () => {
      const order = [...items].sort(() => Math.random() - 0.5);
      for (let i = 0; i < order.length; i += 8)
        await settleItems(
          { runId: run.id, projectId, promptVersionId: v2.id, modelId: "m" },
          order.slice(i, i + 8).map((it) => ({ itemId: it.id, settled })),
        );
    })();
    await Promise.all([...reviewing, running]);
    // A decision undone after the run: the gold goes, and so do the copies.
    await undoLastDecision(await accessFor(people[0].id, projectId));

    const [wrong] = await db.$queryRaw<{ gold: number; counts: number; suggestions: number }[]>(
      sql`SELECT (SELECT count(*)::int FROM "Suggestion" s LEFT JOIN "GoldLabel" g ON g."itemId" = s."itemId"
               WHERE s."projectId" = ${projectId} AND (s."goldValue" IS DISTINCT FROM g.value OR s."goldBlind" IS DISTINCT FROM g.blind)) AS gold,
              (SELECT count(*)::int FROM "Suggestion" s
               CROSS JOIN LATERAL (SELECT count(*) FILTER (WHERE action = 'ACCEPTED') AS a, count(*) FILTER (WHERE action = 'CORRECTED') AS c
                                   FROM "Decision" d WHERE d."suggestionId" = s.id) d
               WHERE s."projectId" = ${projectId} AND (s."acceptedCount" <> d.a OR s."correctedCount" <> d.c)) AS counts,
              (SELECT count(*)::int FROM "Suggestion" WHERE "projectId" = ${projectId}) AS suggestions`,
    );
    expect(wrong).toEqual({ gold: 0, counts: 0, suggestions: 2 * n });
    expect(await db.goldLabel.count({ where: { projectId } })).toBe(n - 1);
    // The Quality page for version 2 counts every item it labeled that has gold.
    const m = await projectMetrics(await leadAccess(lead.id, projectId), v2.id);
    expect(m.slices!.all.n).toBe(n - 1);
  });

  it("compares two versions on the gold items both labeled, with the paired difference and the items where they disagree", async () => {
    const { lead, projectId } = await projectWith("SINGLE_LABEL", [
      { gold: L("positive"), suggestion: L("positive"), confidence: 0.9 },
      { gold: L("positive"), suggestion: L("negative"), confidence: 0.9 },
      { gold: L("negative"), suggestion: L("negative"), confidence: 0.9 },
      { gold: L("negative"), suggestion: L("negative"), confidence: 0.9 },
      { gold: null, suggestion: L("positive"), confidence: 0.9 },
    ]);
    const db = await getDb();
    const v1 = await db.promptVersion.findFirstOrThrow({ where: { projectId } });
    const v2 = await db.promptVersion.create({
      data: { projectId, number: 2, modelId: "m", strategy: "FEW_SHOT", instructions: "y", settings: {}, createdById: lead.id },
    });
    const items = await db.item.findMany({ where: { projectId }, orderBy: { id: "asc" } });
    // Version 2, run after the gold was made: right on the first two, wrong on the third, no answer on the fourth.
    const v2Labels = ["positive", "positive", "positive", null, "negative"];
    for (const [i, label] of v2Labels.entries()) {
      if (label)
        await db.suggestion.create({
          data: { projectId, itemId: items[i].id, promptVersionId: v2.id, status: "OK", value: L(label), confidence: 0.8, model: "m" },
        });
    }
    const c = await compareVersions(await leadAccess(lead.id, projectId), v1.id, v2.id);
    expect([c.baseMetrics.all.n, c.baseMetrics.all.correct, c.candidateMetrics.all.n, c.candidateMetrics.all.correct]).toEqual([3, 2, 3, 2]);
    expect(c.paired).toEqual({ n: 3, onlyBase: 1, onlyCandidate: 1 });
    expect(c.accuracyDifference).toMatchObject({ difference: 0, excludesZero: false });
    expect(c.disagreements.map((d) => [d.externalId, d.base, d.candidate, d.gold])).toEqual([
      ["m1", L("negative"), L("positive"), L("positive")],
      ["m2", L("negative"), L("positive"), L("negative")],
    ]);
  });

  it("is for the project's leads only", async () => {
    const { projectId } = await projectWith("SINGLE_LABEL", []);
    const outsider = await createTestUser();
    await expect(leadAccess(outsider.id, projectId)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
