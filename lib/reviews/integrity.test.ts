// Gold stays right when settings change and people make mistakes: lowering reviewers per item
// settles what it can, undo reaches one decision back within its window, blindness is what the
// reviewer saw, and span answers must quote the item's text.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { sql } from "@/lib/db/sql";
import { claimNextItem } from "@/lib/reviews/claim-next";
import { submitDecision } from "@/lib/reviews/submit-decision";
import { undoLastDecision } from "@/lib/reviews/change-decision";
import { decisionInputSchema } from "@/lib/reviews/schemas";
import { updateReviewSettings } from "@/lib/projects/update-review-settings";
import { projectMetrics } from "@/lib/metrics/queries";
import { runExport } from "@/lib/exports/run-export";
import { accessFor, addMember, createTestProject, createTestUser, leadAccess } from "@/lib/testing/factories";

process.env.REVIEW_UNDO_WINDOW_SECONDS = "60";
resetEnvForTests();

async function project(opts: { k?: number; blindShare?: number; taskType?: "SINGLE_LABEL" | "SPANS"; texts?: string[] } = {}) {
  const lead = await createTestUser();
  const { id: projectId } = await createTestProject(lead.id, { taskType: opts.taskType });
  const db = await getDb();
  await db.project.update({ where: { id: projectId }, data: { reviewersPerItem: opts.k ?? 1, blindShare: opts.blindShare ?? 0, queueOrder: "IMPORT_ORDER" } });
  const texts = opts.texts ?? ["one", "two", "three"];
  await db.item.createMany({ data: texts.map((text, i) => ({ projectId, externalId: `x${i}`, text })) });
  const people = [];
  for (let i = 0; i < 2; i++) {
    const u = await createTestUser();
    await addMember(projectId, u.id, "ANNOTATOR");
    people.push(u);
  }
  return { lead, projectId, people };
}

const decide = async (userId: string, projectId: string, value: unknown, itemId?: number) => {
  const access = await accessFor(userId, projectId);
  const task = itemId ? null : await claimNextItem(access);
  return submitDecision(access, decisionInputSchema.parse({ id: crypto.randomUUID(), itemId: itemId ?? task!.item.id, action: "LABELED", value }));
};

describe("review integrity", () => {
  it("settles items when reviewers per item is lowered: agreement becomes gold, disagreement goes to adjudication", async () => {
    const { lead, projectId, people } = await project({ k: 3 });
    const db = await getDb();
    const items = await db.item.findMany({ where: { projectId }, orderBy: { id: "asc" } });
    // Item 0: two agree. Item 1: two disagree. Item 2: one review.
    for (const [who, item, label] of [
      [0, 0, "positive"],
      [1, 0, "positive"],
      [0, 1, "positive"],
      [1, 1, "negative"],
      [0, 2, "negative"],
    ] as const) {
      const access = await accessFor(people[who].id, projectId);
      await db.reviewAssignment.create({
        data: { itemId: items[item].id, annotatorId: people[who].id, projectId, leasedUntil: new Date(Date.now() + 60_000) },
      });
      await submitDecision(access, decisionInputSchema.parse({ id: crypto.randomUUID(), itemId: items[item].id, action: "LABELED", value: { label } }));
    }
    expect(await db.goldLabel.count({ where: { projectId } })).toBe(0);
    await updateReviewSettings(await leadAccess(lead.id, projectId), { reviewersPerItem: 2, blindPercent: 0, queueOrder: "IMPORT_ORDER" });
    const after = await db.item.findMany({ where: { projectId }, orderBy: { id: "asc" }, include: { gold: true } });
    expect(after.map((i) => [i.inQueue, i.needsAdjudication, i.gold?.value ?? null])).toEqual([
      [false, false, { label: "positive" }],
      [false, true, null],
      [true, false, null],
    ]);
    await updateReviewSettings(await leadAccess(lead.id, projectId), { reviewersPerItem: 1, blindPercent: 0, queueOrder: "IMPORT_ORDER" });
    expect((await db.goldLabel.findUniqueOrThrow({ where: { itemId: items[2].id } })).value).toEqual({ label: "negative" });
  });

  it("undoes the caller's last decision once, within the window; older changes go through an edit", async () => {
    const { projectId, people } = await project();
    const [a] = people;
    await decide(a.id, projectId, { label: "positive" });
    await decide(a.id, projectId, { label: "positive" });
    await decide(a.id, projectId, { label: "positive" });
    const db = await getDb();
    expect(await db.goldLabel.count({ where: { projectId } })).toBe(3);
    await undoLastDecision(await accessFor(a.id, projectId));
    await expect(undoLastDecision(await accessFor(a.id, projectId))).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/already undid/),
    });
    expect(await db.goldLabel.count({ where: { projectId } })).toBe(2);
    // A decision made after the undo can be undone, but not once it is older than the window.
    const d = await decide(a.id, projectId, { label: "negative" });
    await db.$executeRaw(sql`UPDATE "Membership" SET "lastUndoAt" = now() - interval '3 minutes' WHERE "userId" = ${a.id}`);
    await db.$executeRaw(sql`UPDATE "Decision" SET "createdAt" = "createdAt" - interval '2 minutes' WHERE "annotatorId" = ${a.id}`);
    expect(d.value).toEqual({ label: "negative" });
    await expect(undoLastDecision(await accessFor(a.id, projectId))).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/older than 1 minute/),
    });
  });

  it("records blindness as the item was shown, even if the blind share changes before the answer", async () => {
    const { lead, projectId, people } = await project({ blindShare: 0 });
    const access = await accessFor(people[0].id, projectId);
    const task = (await claimNextItem(access))!;
    expect(task.blind).toBe(false);
    await updateReviewSettings(await leadAccess(lead.id, projectId), { reviewersPerItem: 1, blindPercent: 100, queueOrder: "IMPORT_ORDER" });
    const d = await submitDecision(
      await accessFor(people[0].id, projectId),
      decisionInputSchema.parse({ id: crypto.randomUUID(), itemId: task.item.id, action: "LABELED", value: { label: "positive" } }),
    );
    expect(d.blind).toBe(false);
    const next = (await claimNextItem(await accessFor(people[0].id, projectId)))!;
    expect(next.blind).toBe(true);
  });

  it("checks span answers against the item's text: bounds, order, quoted text", async () => {
    const { projectId, people } = await project({ taskType: "SPANS", texts: ["Ada met Bob in London."] });
    const access = await accessFor(people[0].id, projectId);
    const task = (await claimNextItem(access))!;
    const span = (s: object) => ({ spans: [{ label: "positive", start: 0, end: 3, text: "Ada", ...s }] });
    for (const bad of [span({ start: 3_000_000_000 }), span({ start: 5, end: 2 }), span({ end: 500, text: "x" }), span({ text: "Bob" }), span({ start: -1 })]) {
      const err = await submitDecision(
        access,
        decisionInputSchema.parse({ id: crypto.randomUUID(), itemId: task.item.id, action: "LABELED", value: bad }),
      ).catch((e) => e);
      expect(err, JSON.stringify(bad)).toMatchObject({ code: "VALIDATION", status: 400 });
    }
    const ok = await submitDecision(access, decisionInputSchema.parse({ id: crypto.randomUUID(), itemId: task.item.id, action: "LABELED", value: span({}) }));
    expect(ok.value).toEqual(span({}));
  });

  it("never lets a stored value that is odd break the Quality page or an export", async () => {
    const { lead, projectId } = await project({ taskType: "SPANS", texts: ["Ada met Bob."] });
    const db = await getDb();
    const item = await db.item.findFirstOrThrow({ where: { projectId } });
    const version = await db.promptVersion.create({
      data: { projectId, number: 1, modelId: "m", strategy: "ZERO_SHOT", instructions: "x", settings: {}, createdById: lead.id },
    });
    // Values as an old version, or a hand edit, might have left them.
    await db.goldLabel.create({
      data: { itemId: item.id, projectId, value: { spans: [{ label: "positive", start: 3_000_000_000, end: "x", text: 5 }, "junk"] }, source: "SINGLE_REVIEW" },
    });
    await db.suggestion.create({
      data: { projectId, itemId: item.id, promptVersionId: version.id, status: "OK", value: { spans: { not: "an array" } }, confidence: 0.5, model: "m" },
    });
    const m = await projectMetrics(await leadAccess(lead.id, projectId));
    expect(m.slices!.all.n).toBe(1);
    for (const [format, options] of [
      ["PREFERENCE", {}],
      ["JSONL", { split: { testShare: 0.5, seed: "s" } }],
    ] as const) {
      const e = await db.export.create({ data: { projectId, createdById: lead.id, format, options, fileName: "x" } });
      await runExport(e.id);
      expect((await db.export.findUniqueOrThrow({ where: { id: e.id } })).status, format).toBe("DONE");
    }
  });
});
