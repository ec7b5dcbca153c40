// The review queue on a real database: concurrency, leases, blind slice, idempotency, edits.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { claimNextItem } from "@/lib/reviews/claim-next";
import { submitDecision } from "@/lib/reviews/submit-decision";
import { editDecision, undoLastDecision } from "@/lib/reviews/change-decision";
import { adjudicate, listAdjudications, recentRulings, undoLastRuling } from "@/lib/gold/adjudicate";
import { correctGold } from "@/lib/gold/correct";
import { listAuditEvents } from "@/lib/audit/read";
import { accessFor, addMember, createTestProject, createTestUser, leadAccess } from "@/lib/testing/factories";
import { decisionInputSchema, editDecisionSchema } from "@/lib/reviews/schemas";
import type { ProjectAccess } from "@/lib/auth/access";
import { updateProject } from "@/lib/projects/update-project";
import { projectUpdateSchema } from "@/lib/projects/schemas";

/** A member's access now (the project's settings as they stand), as a request would carry it. */
const as = (userId: string, projectId: string) => accessFor(userId, projectId);
const decide = (access: ProjectAccess, input: object) => submitDecision(access, decisionInputSchema.parse(input));

async function projectWithItems(n: number, opts: { k?: number; blindShare?: number } = {}) {
  const lead = await createTestUser();
  const { id: projectId } = await createTestProject(lead.id);
  const db = await getDb();
  await db.project.update({ where: { id: projectId }, data: { reviewersPerItem: opts.k ?? 1, blindShare: opts.blindShare ?? 0 } });
  for (let i = 0; i < n; i += 500) {
    await db.item.createMany({ data: Array.from({ length: Math.min(500, n - i) }, (_, j) => ({ projectId, externalId: `x${i + j}`, text: `item ${i + j}` })) });
  }
  return { lead, projectId };
}

async function annotators(projectId: string, n: number) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const u = await createTestUser();
    await addMember(projectId, u.id, "ANNOTATOR");
    out.push(u);
  }
  return out;
}

const label = (v: string) => ({ label: v });

describe("review queue", () => {
  it("gives 50 concurrent annotators distinct items until each of 1,000 is reviewed exactly k times", async () => {
    for (const k of [1, 2]) {
      const { projectId } = await projectWithItems(1000, { k });
      const people = await annotators(projectId, 50);
      const seen = new Map<number, string[]>();
      await Promise.all(
        people.map(async (u) => {
          for (;;) {
            const task = await claimNextItem(await as(u.id, projectId));
            if (!task) return;
            seen.set(task.item.id, [...(seen.get(task.item.id) ?? []), u.id]);
            await decide(await as(u.id, projectId), { id: crypto.randomUUID(), itemId: task.item.id, action: "LABELED", value: label("positive") });
          }
        }),
      );
      expect(seen.size).toBe(1000);
      for (const who of seen.values()) {
        expect(who).toHaveLength(k);
        expect(new Set(who).size).toBe(k); // never the same annotator twice
      }
      const db = await getDb();
      expect(await db.goldLabel.count({ where: { projectId } })).toBe(1000);
      expect(await db.item.count({ where: { projectId, reviewCount: k } })).toBe(1000);
    }
  }, 180_000);

  it("returns an item to the queue when its lease expires", async () => {
    const { projectId } = await projectWithItems(1);
    const [a, b] = await annotators(projectId, 2);
    const task = await claimNextItem(await as(a.id, projectId));
    expect(task).not.toBeNull();
    expect(await claimNextItem(await as(b.id, projectId))).toBeNull();
    const db = await getDb();
    await db.reviewAssignment.updateMany({ where: { itemId: task!.item.id }, data: { leasedUntil: new Date(Date.now() - 1000) } });
    expect((await claimNextItem(await as(b.id, projectId)))?.item.id).toBe(task!.item.id);
  });

  it("makes the blind slice each item's own draw, placed at random in every queue, and hides the suggestion there", async () => {
    const { projectId } = await projectWithItems(2000, { blindShare: 0.1 });
    const db = await getDb();
    await db.project.update({ where: { id: projectId }, data: { queueOrder: "RANDOM" } });
    const [a, b] = await annotators(projectId, 2);
    const walk = async (userId: string, n: number) => {
      const seen: { id: number; blind: boolean; hasSuggestion: boolean }[] = [];
      for (let i = 0; i < n; i++) {
        const task = (await claimNextItem(await as(userId, projectId)))!;
        seen.push({ id: task.item.id, blind: task.blind, hasSuggestion: task.suggestion !== null });
        const d = await decide(await as(userId, projectId), { id: crypto.randomUUID(), itemId: task.item.id, action: "ACCEPTED", value: label("negative") });
        expect(d.blind).toBe(task.blind);
        if (task.blind) expect(d.action).toBe("LABELED");
      }
      return seen;
    };
    const first = await walk(a.id, 120);
    // Blind exactly when the item's draw is below the share: decided before anyone looked, whatever the queue.
    const draws = new Map((await db.item.findMany({ where: { projectId }, select: { id: true, blindDraw: true } })).map((i) => [i.id, i.blindDraw]));
    for (const t of first) expect(t.blind, `item ${t.id}`).toBe(draws.get(t.id)! < 0.1);
    expect(first.filter((t) => t.blind).every((t) => !t.hasSuggestion)).toBe(true);
    // About a tenth of the queue, at no fixed stride: the gaps between blind items vary.
    const blindAt = first.flatMap((t, i) => (t.blind ? [i] : []));
    expect(blindAt.length).toBeGreaterThan(3);
    expect(blindAt.length).toBeLessThan(30);
    const gaps = new Set(blindAt.slice(1).map((p, i) => p - blindAt[i]));
    expect(gaps.size).toBeGreaterThan(2);
    // Another reviewer starts somewhere else in the random order.
    const second = await walk(b.id, 20);
    expect(second.map((t) => t.id)).not.toEqual(first.slice(0, 20).map((t) => t.id));
    // Blindness is kept on the item for its later reviewers.
    const blindIds = [...first, ...second].filter((t) => t.blind).map((t) => t.id);
    expect(await db.item.count({ where: { id: { in: blindIds }, blind: true } })).toBe(blindIds.length);
  });

  it("records a resubmitted decision once, and refuses a stale edit with the current value", async () => {
    const { projectId } = await projectWithItems(3);
    const [a] = await annotators(projectId, 1);
    const task = (await claimNextItem(await as(a.id, projectId)))!;
    const input = { id: crypto.randomUUID(), itemId: task.item.id, action: "LABELED", value: label("positive") };
    const [first, again] = await Promise.all(
      [decide(await as(a.id, projectId), input), decide(await as(a.id, projectId), input)].map((p) => p.catch((e) => e)),
    );
    const db = await getDb();
    expect(await db.decision.count({ where: { itemId: task.item.id } })).toBe(1);
    expect([first.id ?? null, again.id ?? null].filter(Boolean)).toContain(input.id);

    const edited = await editDecision(await as(a.id, projectId), input.id, editDecisionSchema.parse({ value: label("negative"), version: 1 }));
    expect(edited.version).toBe(2);
    const stale = await editDecision(await as(a.id, projectId), input.id, editDecisionSchema.parse({ value: label("positive"), version: 1 })).catch((e) => e);
    expect(stale.status).toBe(409);
    expect(JSON.parse(stale.fieldErrors.current)).toEqual({ value: label("negative"), version: 2 });
    expect((await db.goldLabel.findUniqueOrThrow({ where: { itemId: task.item.id } })).value).toEqual(label("negative"));
  });

  it("undoes the last decision and gives the item back", async () => {
    const { projectId } = await projectWithItems(2);
    const [a] = await annotators(projectId, 1);
    const task = (await claimNextItem(await as(a.id, projectId)))!;
    await decide(await as(a.id, projectId), { id: crypto.randomUUID(), itemId: task.item.id, action: "LABELED", value: label("positive") });
    const db = await getDb();
    expect(await db.goldLabel.count({ where: { projectId } })).toBe(1);
    const back = await undoLastDecision(await as(a.id, projectId));
    expect(back?.item.id).toBe(task.item.id);
    expect(back.previous).toEqual({ action: "LABELED", value: label("positive") }); // the screen shows it selected again
    expect(await db.goldLabel.count({ where: { projectId } })).toBe(0);
    await decide(await as(a.id, projectId), { id: crypto.randomUUID(), itemId: task.item.id, action: "LABELED", value: label("negative") });
    expect((await db.goldLabel.findUniqueOrThrow({ where: { itemId: task.item.id } })).value).toEqual(label("negative"));
  });

  it("settles again when a lead merges the two labels reviewers disagreed on: the item leaves adjudication with agreed gold", async () => {
    const { lead, projectId } = await projectWithItems(3, { k: 2 });
    const [a, b] = await annotators(projectId, 2);
    // Item 1: positive vs negative (will agree after the merge). Item 2: both positive (already gold). Item 3: one review only.
    const db = await getDb();
    const items = await db.item.findMany({ where: { projectId }, orderBy: { id: "asc" } });
    const answers = new Map([
      [a.id, ["positive", "positive", "negative"]],
      [b.id, ["negative", "positive", null]],
    ]);
    for (const u of [a, b]) {
      const wanted = answers.get(u.id)!;
      const skip = items.filter((_, i) => wanted[i] === null).map((x) => x.id);
      for (let task; (task = await claimNextItem(await as(u.id, projectId), skip));) {
        const v = wanted[items.findIndex((x) => x.id === task!.item.id)]!;
        await decide(await as(u.id, projectId), { id: crypto.randomUUID(), itemId: task.item.id, action: "LABELED", value: label(v) });
      }
    }
    expect(await db.item.findUniqueOrThrow({ where: { id: items[0].id } })).toMatchObject({ needsAdjudication: true, inQueue: false });
    const leadIn = await leadAccess(lead.id, projectId);
    expect((await listAdjudications(leadIn)).map((x) => x.id)).toEqual([items[0].id]);

    const [positive, negative] = await db.label.findMany({ where: { projectId }, orderBy: { position: "asc" } });
    await updateProject(
      leadIn,
      projectUpdateSchema.parse({
        name: "Test project",
        taskType: "SINGLE_LABEL",
        labels: [
          { id: positive.id, name: "positive", color: "#16a34a", hotkey: "1" },
          { name: "neutral", color: "#999999", hotkey: "2" },
        ],
        removedLabels: [{ id: negative.id, action: "MERGE", into: "positive" }],
      }),
    );
    expect(await listAdjudications(leadIn)).toEqual([]);
    expect(await db.item.findUniqueOrThrow({ where: { id: items[0].id } })).toMatchObject({ needsAdjudication: false, inQueue: false, status: "REVIEWED" });
    expect(await db.goldLabel.findUniqueOrThrow({ where: { itemId: items[0].id } })).toMatchObject({ value: label("positive"), source: "AGREEMENT" });
    expect(await db.goldLabel.findUniqueOrThrow({ where: { itemId: items[1].id } })).toMatchObject({ value: label("positive"), source: "AGREEMENT" });
    // The item with one review still waits for its second, its decision renamed.
    expect(await db.item.findUniqueOrThrow({ where: { id: items[2].id } })).toMatchObject({ needsAdjudication: false, inQueue: true });
    expect(await db.goldLabel.count({ where: { itemId: items[2].id } })).toBe(0);
    expect((await db.decision.findFirstOrThrow({ where: { itemId: items[2].id } })).value).toEqual(label("positive"));
  });

  it("sends disagreements to adjudication instead of gold; a lead's ruling becomes gold, in the audit log", async () => {
    const { lead, projectId } = await projectWithItems(1, { k: 2 });
    const [a, b] = await annotators(projectId, 2);
    for (const [u, v] of [
      [a, "positive"],
      [b, "negative"],
    ] as const) {
      const t = (await claimNextItem(await as(u.id, projectId)))!;
      await decide(await as(u.id, projectId), { id: crypto.randomUUID(), itemId: t.item.id, action: "LABELED", value: label(v) });
    }
    const db = await getDb();
    expect(await db.goldLabel.count({ where: { projectId } })).toBe(0);
    expect(await db.item.count({ where: { projectId, needsAdjudication: true } })).toBe(1);
    const queue = await listAdjudications(await leadAccess(lead.id, projectId));
    expect(queue[0].decisions.map((d) => d.value)).toEqual(expect.arrayContaining([label("positive"), label("negative")]));
    await expect(accessFor(a.id, projectId, { role: "LEAD" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await adjudicate(await leadAccess(lead.id, projectId), queue[0].id, label("negative"));
    expect(await db.goldLabel.findUniqueOrThrow({ where: { itemId: queue[0].id } })).toMatchObject({ source: "ADJUDICATION", value: label("negative") });
    expect(await listAdjudications(await leadAccess(lead.id, projectId))).toHaveLength(0);
    const log = await listAuditEvents(await leadAccess(lead.id, projectId));
    expect(log.map((e) => e.kind)).toEqual(["gold.adjudicated", "decision.created", "decision.created"]);
    // In words, with names and the item's id.
    expect(log[0]).toMatchObject({ summary: "ruled negative", itemExternalId: "x0" });
    expect(log.map((e) => e.summary)).toContain("labeled it positive");

    // The lead takes the ruling back: the item waits again; a second undo has nothing to take back.
    const leadNow = await leadAccess(lead.id, projectId);
    expect(await undoLastRuling(leadNow)).toMatchObject({ externalId: "x0", value: label("negative") });
    expect(await db.goldLabel.count({ where: { projectId } })).toBe(0);
    expect(await listAdjudications(leadNow)).toHaveLength(1);
    await expect(undoLastRuling(leadNow)).rejects.toMatchObject({ code: "CONFLICT" });
    await adjudicate(leadNow, queue[0].id, label("positive"), "The text is upbeat.");
    expect((await recentRulings(leadNow)).map((r) => [r.value, r.note, r.standing])).toEqual([
      [label("positive"), "The text is upbeat.", true],
      [label("negative"), null, false],
    ]);
    await expect(adjudicate(leadNow, queue[0].id, label("negative"))).rejects.toMatchObject({ code: "CONFLICT" }); // ruled already
  });

  it("lets a lead correct gold with a reason: audited, out of the blind slice, and standing when answers change later", async () => {
    const { lead, projectId } = await projectWithItems(1, { blindShare: 1 });
    const [a] = await annotators(projectId, 1);
    const t = (await claimNextItem(await as(a.id, projectId)))!;
    const d = await decide(await as(a.id, projectId), { id: crypto.randomUUID(), itemId: t.item.id, action: "LABELED", value: label("positive") });
    const db = await getDb();
    expect(await db.goldLabel.findUniqueOrThrow({ where: { itemId: t.item.id } })).toMatchObject({ blind: true, source: "SINGLE_REVIEW" });
    const leadNow = await leadAccess(lead.id, projectId);
    await expect(correctGold(leadNow, t.item.id, label("negative"), "  ")).rejects.toMatchObject({ code: "VALIDATION" });
    await correctGold(leadNow, t.item.id, label("negative"), "Sarcasm: the praise is ironic.");
    expect(await db.goldLabel.findUniqueOrThrow({ where: { itemId: t.item.id } })).toMatchObject({
      value: label("negative"),
      source: "CORRECTION",
      blind: false,
    });
    const [event] = await listAuditEvents(leadNow, { itemId: t.item.id, take: 1 });
    expect(event.summary).toBe("corrected the gold from positive to negative: “Sarcasm: the praise is ironic.”");
    // The annotator changes their answer afterwards: the correction stands.
    await editDecision(await as(a.id, projectId), d.id, editDecisionSchema.parse({ value: label("positive"), version: d.version }));
    expect((await db.goldLabel.findUniqueOrThrow({ where: { itemId: t.item.id } })).value).toEqual(label("negative"));
  });

  it("hides the queue from outsiders", async () => {
    const { projectId } = await projectWithItems(1);
    const outsider = await createTestUser();
    await expect(as(outsider.id, projectId)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
