// Message Batches mode against the fake server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import type { FakeAnthropic } from "@/lib/llm/fake-anthropic";
import { createRun } from "@/lib/runs/create-run";
import { startRunSchema } from "@/lib/runs/schemas";
import { processRun } from "@/lib/runs/process-run";
import { pauseRun, resumeRun } from "@/lib/runs/control-run";
import { llmProject, startFakeLlm } from "@/lib/testing/llm-fixtures";

let fake: FakeAnthropic;
process.env.BATCH_POLL_MS = "40";

beforeAll(async () => {
  fake = await startFakeLlm({ batchDelayMs: 300 });
});
afterAll(() => fake.stop());

describe("a run in batch mode", () => {
  it("submits once, survives a restart without resubmitting, and prices at the batch discount", async () => {
    fake.config.batchErrorRate = 0;
    const p = await llmProject(15);
    const run = await createRun(p.access, startRunSchema.parse({ promptVersionId: p.versionId, selection: { kind: "MISSING" }, mode: "BATCH" }));
    const before = fake.stats.batchesCreated;
    const first = processRun(run.id);
    const db = await getDb();
    // Stop the worker while the batch is still processing...
    for (let i = 0; i < 50 && !(await db.run.findUniqueOrThrow({ where: { id: run.id } })).batchIds.length; i++) await new Promise((r) => setTimeout(r, 20));
    await pauseRun(p.access, run.id);
    expect(await first).toBe("paused");
    expect((await db.run.findUniqueOrThrow({ where: { id: run.id } })).batchIds).toHaveLength(1);
    // ...and start again: it polls the stored batch instead of submitting another.
    await resumeRun(p.access, run.id);
    expect(await processRun(run.id)).toBe("done");
    expect(fake.stats.batchesCreated - before).toBe(1);
    const done = await db.run.findUniqueOrThrow({ where: { id: run.id } });
    expect([done.status, done.doneItems, done.failedItems, done.batchIds]).toEqual(["DONE", 15, 0, []]);
    const suggestions = await db.suggestion.findMany({ where: { projectId: p.projectId } });
    expect(suggestions).toHaveLength(15);
    const s = suggestions[0];
    const fullPrice = (s.inputTokens * 1 + s.outputTokens * 5 + s.cacheWriteTokens * 1.25 + s.cacheReadTokens * 0.1) / 1e6;
    expect(Number(s.costUsd)).toBeCloseTo(fullPrice / 2, 8); // stored with 9 decimals: sub-cent requests keep their price
    expect(Number((await db.project.findUniqueOrThrow({ where: { id: p.projectId } })).reservedUsd)).toBe(0);
  });

  it("resubmits errored requests once, joined back by custom_id", async () => {
    fake.config.batchErrorRate = 0.4;
    const p = await llmProject(20);
    const run = await createRun(p.access, startRunSchema.parse({ promptVersionId: p.versionId, selection: { kind: "MISSING" }, mode: "BATCH" }));
    const before = fake.stats.batchesCreated;
    expect(await processRun(run.id)).toBe("done");
    expect(fake.stats.batchesCreated - before).toBe(2);
    const db = await getDb();
    const rows = await db.suggestion.findMany({ where: { projectId: p.projectId }, orderBy: { itemId: "asc" } });
    expect(rows).toHaveLength(20);
    expect(rows.every((r) => r.status === "OK")).toBe(true);
    const items = await db.item.findMany({ where: { projectId: p.projectId }, orderBy: { id: "asc" } });
    rows.forEach((r, i) => expect(r.value).toEqual({ label: items[i].text.includes("spam") ? "spam" : "ham" }));
  });
});
