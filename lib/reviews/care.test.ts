// Care for reviewers on a real database: the daily cap (with the item leased in advance counted),
// "I'd rather not see this" never counting against anyone, the content warning acknowledged once
// per version of its text, the workload per reviewer, and distress flags from the model reaching
// the review screen, blind items included.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { claimNext } from "@/lib/reviews/claim-next";
import { submitDecision } from "@/lib/reviews/submit-decision";
import { decisionInputSchema } from "@/lib/reviews/schemas";
import { accessFor, addMember, createTestProject, createTestUser, leadAccess } from "@/lib/testing/factories";
import { acknowledgeWarning, careFor, updateCareSettings, workload } from "@/lib/reviews/care";
import { careSettingsSchema } from "@/lib/reviews/care-settings";
import { startOfToday } from "@/lib/reviews/claim-next";
import type { ProjectAccess } from "@/lib/auth/access";
import type { FakeAnthropic } from "@/lib/testing/fake-anthropic/server";
import { llmProject, startFakeLlm } from "@/lib/testing/llm-fixtures";
import { createRun } from "@/lib/runs/create-run";
import { startRunSchema } from "@/lib/runs/schemas";
import { processRun } from "@/lib/testing/process-run";

const decide = (access: ProjectAccess, input: object) => submitDecision(access, decisionInputSchema.parse({ id: crypto.randomUUID(), ...input }));

async function project(n: number) {
  const lead = await createTestUser({ name: "Lead" });
  const { id: projectId } = await createTestProject(lead.id);
  const db = await getDb();
  await db.project.update({ where: { id: projectId }, data: { blindShare: 0 } });
  await db.item.createMany({ data: Array.from({ length: n }, (_, i) => ({ projectId, externalId: `c${i}`, text: `item ${i}` })) });
  return { lead, projectId, lead_access: await leadAccess(lead.id, projectId) };
}

async function reviewer(projectId: string, name: string) {
  const u = await createTestUser({ name });
  await addMember(projectId, u.id, "ANNOTATOR");
  return u;
}

const settings = (s: object) => careSettingsSchema.parse(s);

let fake: FakeAnthropic;
beforeAll(async () => {
  fake = await startFakeLlm({ retryAfterSeconds: 0 });
});
afterAll(async () => {
  await fake.stop();
});

describe("care for reviewers", () => {
  it("stops leasing at the daily cap, counting the item leased in advance, and never counts an opt-out", async () => {
    const p = await project(10);
    await updateCareSettings(p.lead_access, settings({ dailyCap: 2 }));
    const u = await reviewer(p.projectId, "Ana");
    const as = () => accessFor(u.id, p.projectId);
    const a = await claimNext(await as());
    // The screen leases the next item while the first is on screen: two held, the cap of two reached.
    const b = await claimNext(await as(), [a.task!.item.id]);
    expect(b.task).not.toBeNull();
    const c = await claimNext(await as(), [a.task!.item.id, b.task!.item.id]);
    expect(c).toMatchObject({ task: null, capReached: true, reviewedToday: 0 });
    await decide(await as(), { itemId: a.task!.item.id, action: "LABELED", value: { label: "positive" } });
    // "I'd rather not see this" is a skip with a reason: the item goes to someone else, the cap does not move.
    await decide(await as(), { itemId: b.task!.item.id, action: "SKIPPED", skipReason: "DISTRESS" });
    const d = await claimNext(await as());
    expect(d.task).not.toBeNull();
    expect(d.reviewedToday).toBe(1);
    await decide(await as(), { itemId: d.task!.item.id, action: "LABELED", value: { label: "positive" } });
    expect(await claimNext(await as())).toMatchObject({ task: null, capReached: true, reviewedToday: 2 });
    // Another reviewer is not capped by Ana's work, and gets the item Ana chose not to see.
    const other = await reviewer(p.projectId, "Ben");
    const seen: number[] = [];
    for (let i = 0; i < 2; i++) {
      const t = await claimNext(await accessFor(other.id, p.projectId));
      seen.push(t.task!.item.id);
      await decide(await accessFor(other.id, p.projectId), { itemId: t.task!.item.id, action: "LABELED", value: { label: "positive" } });
    }
    const db = await getDb();
    const optedOut = await db.decision.findFirstOrThrow({ where: { itemId: b.task!.item.id, annotatorId: u.id } });
    expect(optedOut).toMatchObject({ action: "SKIPPED", skipReason: "DISTRESS" });
    // Lifting the cap lets Ana go on.
    await updateCareSettings(p.lead_access, settings({ dailyCap: "" }));
    expect((await claimNext(await as())).task).not.toBeNull();
  });

  it("shows the content warning until acknowledged, and again only when its text changes", async () => {
    const p = await project(1);
    const u = await reviewer(p.projectId, "Cleo");
    const as = () => accessFor(u.id, p.projectId);
    expect((await careFor(await as())).warning).toBeNull();
    await updateCareSettings(p.lead_access, settings({ contentWarning: "Some items describe violence." }));
    expect((await careFor(await as())).warning).toBe("Some items describe violence.");
    await acknowledgeWarning(await as());
    expect((await careFor(await as())).warning).toBeNull();
    // Saving the same text (other settings changed) does not ask again; a new text does.
    await updateCareSettings(p.lead_access, settings({ contentWarning: "Some items describe violence.", breakMinutes: 45 }));
    expect(await careFor(await as())).toMatchObject({ warning: null, breakMinutes: 45 });
    await new Promise((r) => setTimeout(r, 5));
    await updateCareSettings(p.lead_access, settings({ contentWarning: "Some items describe violence and self-harm." }));
    expect((await careFor(await as())).warning).toBe("Some items describe violence and self-harm.");
  });

  it("lists each reviewer's workload by name, count and time, with their opt-outs", async () => {
    const p = await project(6);
    const zoe = await reviewer(p.projectId, "Zoe");
    const abe = await reviewer(p.projectId, "Abe");
    for (const [who, n] of [
      [zoe, 3],
      [abe, 1],
    ] as const) {
      for (let i = 0; i < n; i++) {
        const t = await claimNext(await accessFor(who.id, p.projectId));
        await decide(await accessFor(who.id, p.projectId), { itemId: t.task!.item.id, action: "LABELED", value: { label: "positive" }, seconds: 10 });
      }
    }
    const t = await claimNext(await accessFor(abe.id, p.projectId));
    await decide(await accessFor(abe.id, p.projectId), { itemId: t.task!.item.id, action: "SKIPPED", skipReason: "DISTRESS", seconds: 2 });
    const rows = await workload(p.lead_access, startOfToday());
    // By name (not by how much each did), every member listed.
    expect(rows.map((r) => r.name)).toEqual(["Abe", "Lead", "Zoe"]);
    expect(rows[0]).toMatchObject({ todayItems: 1, todaySeconds: 10, weekItems: 1, optedOut: 1 });
    expect(rows[2]).toMatchObject({ todayItems: 3, todaySeconds: 30, weekItems: 3, weekSeconds: 30, optedOut: 0 });
  });

  it("asks the model for the lead's distress categories and flags items for the review screen, blind ones too", async () => {
    const p = await llmProject(4, {
      texts: ["A calm note about lunch", "A report of graphic violence in the city", "Cheap pills spam", "Violence and gore described at length"],
    });
    await updateCareSettings(p.access, settings({ distressCategories: "violence\ngore" }));
    const run = await createRun(p.access, startRunSchema.parse({ promptVersionId: p.versionId, selection: { kind: "MISSING" } }));
    await processRun(run.id);
    const db = await getDb();
    const flags = Object.fromEntries(
      (await db.suggestion.findMany({ where: { projectId: p.projectId }, include: {} })).map((s) => [s.itemId, s.distress as string[] | null]),
    );
    const items = await db.item.findMany({ where: { projectId: p.projectId }, orderBy: { id: "asc" } });
    expect(items.map((i) => flags[i.id])).toEqual([[], ["violence"], [], ["violence", "gore"]]);
    // Every item blind: the suggestion is hidden, the flags are not (they are about the content).
    await db.project.update({ where: { id: p.projectId }, data: { blindShare: 1 } });
    const u = await reviewer(p.projectId, "Dee");
    const shown = new Map<number, string[] | undefined>();
    for (let i = 0; i < 4; i++) {
      const t = (await claimNext(await accessFor(u.id, p.projectId))).task!;
      expect(t.blind).toBe(true);
      expect(t.suggestion).toBeNull();
      shown.set(t.item.id, t.item.distress);
      await decide(await accessFor(u.id, p.projectId), { itemId: t.item.id, action: "SKIPPED" });
    }
    expect(items.map((i) => shown.get(i.id))).toEqual([undefined, ["violence"], undefined, ["violence", "gore"]]);
  });

  it("refuses categories a tool cannot carry", () => {
    expect(careSettingsSchema.safeParse({ distressCategories: "self-harm, violence , violence" }).data?.distressCategories).toEqual(["self-harm", "violence"]);
    expect(careSettingsSchema.safeParse({ distressCategories: "a<script>" }).success).toBe(false);
    expect(careSettingsSchema.safeParse({ distressCategories: Array.from({ length: 11 }, (_, i) => `c${i}`) }).success).toBe(false);
    expect(careSettingsSchema.safeParse({ dailyCap: "0" }).success).toBe(false);
  });
});
