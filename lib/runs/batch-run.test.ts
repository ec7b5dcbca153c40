// Message Batches mode against the fake server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import type { FakeAnthropic } from "@/lib/testing/fake-anthropic/server";
import { createRun } from "@/lib/runs/create-run";
import { startRunSchema } from "@/lib/runs/schemas";
import { processRun } from "@/lib/testing/process-run";
import { cancelRun, pauseRun, resumeRun } from "@/lib/runs/control-run";
import { cancelBatches } from "@/lib/runs/cancel-batches";
import { createPromptVersion } from "@/lib/prompts/create-prompt-version";
import { promptVersionSchema } from "@/lib/prompts/schemas";
import { llmProject, startFakeLlm } from "@/lib/testing/llm-fixtures";
import { waitFor } from "@/lib/testing/wait";

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
    await waitFor("the batch to be submitted", async () => (await db.run.findUniqueOrThrow({ where: { id: run.id } })).batchIds.length, { everyMs: 20 });
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

  it("gives the same suggestions and confidences as direct mode for a few-shot prompt with k=3 votes", async () => {
    fake.config.batchErrorRate = 0;
    fake.config.accuracy = 0.6; // samples disagree, so the votes (and confidences) are not all 1
    const p = await llmProject(24);
    const db = await getDb();
    const items = await db.item.findMany({ where: { projectId: p.projectId }, orderBy: { id: "asc" } });
    for (const it of items.slice(0, 6)) {
      await db.goldLabel.create({
        data: { itemId: it.id, projectId: p.projectId, value: { label: it.text.includes("spam") ? "spam" : "ham" }, source: "SINGLE_REVIEW" },
      });
    }
    const settings = { temperature: 1, maxTokens: 256, samples: 3, fewShotK: 3 };
    const version = () =>
      createPromptVersion(p.access, promptVersionSchema.parse({ modelId: "claude-haiku-4-5", strategy: "FEW_SHOT", instructions: "Spam or not.", settings }));
    const direct = await version();
    const batch = await version();
    fake.reset();
    const d = await createRun(p.access, startRunSchema.parse({ promptVersionId: direct.id, selection: { kind: "MISSING" }, mode: "DIRECT", concurrency: 1 }));
    expect(await processRun(d.id)).toBe("done");
    fake.reset(); // the same sampling history for the batch: the same requests get the same answers
    const before = fake.stats.batchesCreated;
    const b = await createRun(p.access, startRunSchema.parse({ promptVersionId: batch.id, selection: { kind: "MISSING" }, mode: "BATCH" }));
    expect(await processRun(b.id)).toBe("done");
    expect(fake.stats.batchesCreated - before).toBe(1);
    const of = async (versionId: string) =>
      (await db.suggestion.findMany({ where: { promptVersionId: versionId }, orderBy: { itemId: "asc" } })).map((s) => ({
        itemId: s.itemId,
        status: s.status,
        value: s.value,
        confidence: s.confidence,
        source: s.confidenceSource,
      }));
    const fromDirect = await of(direct.id);
    const fromBatch = await of(batch.id);
    expect(fromDirect).toHaveLength(24);
    expect(fromBatch).toEqual(fromDirect);
    expect(new Set(fromDirect.map((s) => s.confidence)).size).toBeGreaterThan(1);
    for (const s of fromDirect) expect(s.source).toBe("VOTES");
  });

  it("sends each sample as its own request carrying the few-shot examples", async () => {
    fake.config.batchErrorRate = 0;
    fake.config.accuracy = 1;
    const p = await llmProject(5);
    const db = await getDb();
    const items = await db.item.findMany({ where: { projectId: p.projectId }, orderBy: { id: "asc" } });
    await db.goldLabel.create({ data: { itemId: items[0].id, projectId: p.projectId, value: { label: "spam" }, source: "SINGLE_REVIEW" } });
    const v = await createPromptVersion(
      p.access,
      promptVersionSchema.parse({
        modelId: "claude-haiku-4-5",
        strategy: "FEW_SHOT",
        instructions: "Spam or not.",
        settings: { temperature: 0.5, maxTokens: 256, samples: 3, fewShotK: 2 },
      }),
    );
    const run = await createRun(p.access, startRunSchema.parse({ promptVersionId: v.id, selection: { kind: "MISSING" }, mode: "BATCH" }));
    const first = processRun(run.id);
    const ids = await waitFor(
      "the batch to be submitted",
      async () => {
        const { batchIds } = await db.run.findUniqueOrThrow({ where: { id: run.id } });
        return batchIds.length && batchIds;
      },
      { everyMs: 20 },
    );
    const requests = fake.batchRequests(ids[0]);
    expect(requests).toHaveLength(5 * 3);
    const other = requests.find((r) => r.custom_id === `i${items[1].id}-s2`)!;
    expect(JSON.stringify(other.params.messages)).toContain(items[0].text); // the gold example
    expect(await first).toBe("done");
  });

  it("cancelling the run cancels its open batch at the API; nothing unprocessed is billed", async () => {
    fake.config.batchErrorRate = 0;
    fake.config.batchDelayMs = 60_000;
    try {
      const p = await llmProject(6);
      const db = await getDb();
      const run = await createRun(p.access, startRunSchema.parse({ promptVersionId: p.versionId, selection: { kind: "MISSING" }, mode: "BATCH" }));
      const working = processRun(run.id);
      await waitFor("the batch to be submitted", async () => (await db.run.findUniqueOrThrow({ where: { id: run.id } })).batchIds.length, { everyMs: 20 });
      const canceledBefore = fake.stats.batchesCanceled;
      await cancelRun(p.access, run.id);
      expect(await working).toBe("cancelled");
      // What the cancel job does (queued by cancelRun): cancel at the API, then collect once ended.
      await waitFor("the cancelled batch to be collected", async () => !(await cancelBatches(run.id)), { everyMs: 100 });
      expect(fake.stats.batchesCanceled - canceledBefore).toBe(1);
      const after = await db.run.findUniqueOrThrow({ where: { id: run.id } });
      expect(after).toMatchObject({ status: "CANCELLED", batchIds: [], doneItems: 0 });
      expect(Number((await db.project.findUniqueOrThrow({ where: { id: p.projectId } })).reservedUsd)).toBe(0);
      expect(await db.suggestion.count({ where: { projectId: p.projectId } })).toBe(0);
    } finally {
      fake.config.batchDelayMs = 300;
    }
  });
});
