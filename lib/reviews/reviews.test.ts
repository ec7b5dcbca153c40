// The review queue on a real database: concurrency, leases, blind slice, idempotency, edits.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { claimNextItem } from "@/lib/reviews/claim-next";
import { submitDecision } from "@/lib/reviews/submit-decision";
import { editDecision, undoLastDecision } from "@/lib/reviews/change-decision";
import { adjudicate, listAdjudications } from "@/lib/reviews/adjudicate";
import { listAuditEvents } from "@/lib/reviews/audit";
import { accessFor, addMember, createTestProject, createTestUser, leadAccess } from "@/lib/testing/factories";
import { decisionInputSchema, editDecisionSchema } from "@/lib/reviews/schemas";
import type { ProjectAccess } from "@/lib/auth/access";

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

  it("keeps a blind slice near the setting and hides the suggestion there", async () => {
    const { projectId } = await projectWithItems(2000, { blindShare: 0.1 });
    const db = await getDb();
    const blind = await db.item.count({ where: { projectId, randKey: { lt: 0.1 } } });
    expect(blind / 2000).toBeGreaterThan(0.07);
    expect(blind / 2000).toBeLessThan(0.13);
    const item = await db.item.findFirstOrThrow({ where: { projectId, randKey: { lt: 0.1 } } });
    const [a] = await annotators(projectId, 1);
    await db.project.update({ where: { id: projectId }, data: { queueOrder: "RANDOM" } });
    // Walk the queue until the blind item comes up.
    let task = await claimNextItem(await as(a.id, projectId));
    while (task && task.item.id !== item.id) {
      await decide(await as(a.id, projectId), { id: crypto.randomUUID(), itemId: task.item.id, action: "SKIPPED" });
      task = await claimNextItem(await as(a.id, projectId));
    }
    expect(task?.blind).toBe(true);
    expect(task?.suggestion).toBeNull();
    const d = await decide(await as(a.id, projectId), { id: crypto.randomUUID(), itemId: item.id, action: "ACCEPTED", value: label("negative") });
    expect(d).toMatchObject({ blind: true, action: "LABELED" });
  });

  it("records a resubmitted decision once, and refuses a stale edit with the current value", async () => {
    const { projectId } = await projectWithItems(3);
    const [a] = await annotators(projectId, 1);
    const task = (await claimNextItem(await as(a.id, projectId)))!;
    const input = { id: crypto.randomUUID(), itemId: task.item.id, action: "LABELED", value: label("positive") };
    const [first, again] = await Promise.all([decide(await as(a.id, projectId), input), decide(await as(a.id, projectId), input)].map((p) => p.catch((e) => e)));
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
    expect(await db.goldLabel.count({ where: { projectId } })).toBe(0);
    await decide(await as(a.id, projectId), { id: crypto.randomUUID(), itemId: task.item.id, action: "LABELED", value: label("negative") });
    expect((await db.goldLabel.findUniqueOrThrow({ where: { itemId: task.item.id } })).value).toEqual(label("negative"));
  });

  it("sends disagreements to adjudication instead of gold; a lead's ruling becomes gold, in the audit log", async () => {
    const { lead, projectId } = await projectWithItems(1, { k: 2 });
    const [a, b] = await annotators(projectId, 2);
    for (const [u, v] of [[a, "positive"], [b, "negative"]] as const) {
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
  });

  it("hides the queue from outsiders", async () => {
    const { projectId } = await projectWithItems(1);
    const outsider = await createTestUser();
    await expect(as(outsider.id, projectId)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
