// Rationales checked against the text, end to end: a chain-of-thought run through the fake model
// (which, like a real one, sometimes cites words the item does not contain, mostly when it is
// wrong) stores each suggestion's quotes and verdict; the Quality figures equal a recount; and
// auto-accept set to "grounded only" never takes, nor certifies on, an ungrounded suggestion.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import type { FakeAnthropic } from "@/lib/testing/fake-anthropic/server";
import { createRun } from "@/lib/runs/create-run";
import { startRunSchema } from "@/lib/runs/schemas";
import { processRun } from "@/lib/testing/process-run";
import { llmProject, startFakeLlm } from "@/lib/testing/llm-fixtures";
import { projectMetrics } from "@/lib/metrics/queries";
import { candidates } from "@/lib/gold/certificate";
import { groundEvidence } from "@/lib/llm/grounding";
import { updateAutoAcceptSettings } from "@/lib/gold/auto-accept";

let fake: FakeAnthropic;
beforeAll(async () => {
  fake = await startFakeLlm({ retryAfterSeconds: 0, accuracy: 0.7 });
});
afterAll(async () => {
  await fake.stop();
});

async function groundedRun(n: number) {
  const p = await llmProject(n, { strategy: "CHAIN_OF_THOUGHT" });
  const run = await createRun(p.access, startRunSchema.parse({ promptVersionId: p.versionId, selection: { kind: "MISSING" } }));
  await processRun(run.id);
  return p;
}

describe("rationales checked against the text", () => {
  it("stores each suggestion's quotes and whether they are in the item, and Quality weighs grounded against ungrounded", async () => {
    const p = await groundedRun(150);
    const db = await getDb();
    const texts = new Map((await db.item.findMany({ where: { projectId: p.projectId } })).map((i) => [i.id, i.text]));
    const rows = (await db.suggestion.findMany({ where: { projectId: p.projectId } })).map((r) => ({ ...r, item: { text: texts.get(r.itemId)! } }));
    expect(rows).toHaveLength(150);
    for (const r of rows) {
      expect(r.status).toBe("OK");
      expect(Array.isArray(r.evidence)).toBe(true);
      // The stored verdict is the check of the stored quotes against the item's text.
      expect(r.grounded).toBe(groundEvidence(r.evidence as string[], r.item.text).grounded);
    }
    const ungrounded = rows.filter((r) => r.grounded === false).length;
    expect(ungrounded).toBeGreaterThan(0);
    expect(ungrounded).toBeLessThan(150);

    // Gold: the label each text names (lib/testing/llm-fixtures.ts).
    const items = await db.item.findMany({ where: { projectId: p.projectId } });
    await db.goldLabel.createMany({
      data: items.map((i) => ({
        itemId: i.id,
        projectId: p.projectId,
        value: { label: i.text.includes("spam") ? "spam" : "ham" },
        source: "SINGLE_REVIEW" as const,
      })),
    });
    const m = await projectMetrics(p.access);
    const byGrounded = (grounded: boolean) => {
      const mine = rows.filter((r) => r.grounded === grounded);
      const right = mine.filter((r) => (r.value as { label: string }).label === (r.item.text.includes("spam") ? "spam" : "ham")).length;
      return { n: mine.length, correct: right };
    };
    expect(m.grounding).toMatchObject({ suggestions: 150, ungrounded, grounded: byGrounded(true), notFound: byGrounded(false) });
    expect(m.grounding!.ungroundedInterval!.low).toBeLessThan(ungrounded / 150);
    // The fake cites imagined words mostly when it is wrong: grounded suggestions are the more accurate.
    expect(m.grounding!.grounded.accuracy!).toBeGreaterThan(m.grounding!.notFound.accuracy!);
  });

  it("a zero-shot version is not asked for evidence: no figures, nothing marked", async () => {
    const p = await llmProject(5);
    const run = await createRun(p.access, startRunSchema.parse({ promptVersionId: p.versionId, selection: { kind: "MISSING" } }));
    await processRun(run.id);
    const db = await getDb();
    expect(await db.suggestion.count({ where: { projectId: p.projectId, NOT: { grounded: null } } })).toBe(0);
    expect((await projectMetrics(p.access)).grounding).toBeNull();
  });

  it("auto-accept set to grounded only leaves ungrounded suggestions out of its candidates", async () => {
    const p = await groundedRun(120);
    const db = await getDb();
    const count = async () => {
      const [r] = await db.$queryRaw<{ n: number; ungrounded: number }[]>(
        sql`SELECT count(*)::int AS n, (count(*) FILTER (WHERE s.grounded = false))::int AS ungrounded ${candidates(p.projectId, p.versionId, sql`true`)}`,
      );
      return r;
    };
    const before = await count();
    expect(before.ungrounded).toBeGreaterThan(0);
    await updateAutoAcceptSettings(p.access, { errorBudgetPercent: 5, autoAccept: false, auditPercent: 5, groundedOnly: true });
    expect((await db.project.findUniqueOrThrow({ where: { id: p.projectId } })).autoAcceptGroundedOnly).toBe(true);
    const after = await count();
    expect(after).toEqual({ n: before.n - before.ungrounded, ungrounded: 0 });
    // Saving without the switch (the API's partial update) keeps it; turning it off lets them back.
    await updateAutoAcceptSettings(p.access, { errorBudgetPercent: 5, autoAccept: false, auditPercent: 5 });
    expect((await count()).ungrounded).toBe(0);
    await updateAutoAcceptSettings(p.access, { errorBudgetPercent: 5, autoAccept: false, auditPercent: 5, groundedOnly: false });
    expect(await count()).toEqual(before);
  });
});
