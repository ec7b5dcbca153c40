// Pairwise preference labeling end to end on a real database and the fake Anthropic server:
// import with field mapping and per-row errors, a judge run with swaps (two requests per item),
// review in a per-person order, the metrics (position bias, consistency, leaderboard) and the
// DPO export.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { shownSwappedSql } from "@/lib/pairwise/order";
import type { FakeAnthropic } from "@/lib/testing/fake-anthropic/server";
import { startFakeLlm } from "@/lib/testing/llm-fixtures";
import { addMember, accessFor, createTestUser, leadAccess } from "@/lib/testing/factories";
import { insertProject } from "@/lib/projects/create-project";
import { createImportFromFile } from "@/lib/imports/create-import";
import { runImport } from "@/lib/imports/run-import";
import { listImportErrors } from "@/lib/imports/queries";
import { createPromptVersion } from "@/lib/prompts/create-prompt-version";
import { promptVersionSchema } from "@/lib/prompts/schemas";
import { createRun } from "@/lib/runs/create-run";
import { startRunSchema } from "@/lib/runs/schemas";
import { processRun } from "@/lib/testing/process-run";
import { claimNext } from "@/lib/reviews/claim-next";
import { submitDecision } from "@/lib/reviews/submit-decision";
import { humanFirstShown, judgeFigures, pairwiseQuality } from "@/lib/pairwise/metrics";
import { runExport } from "@/lib/exports/run-export";
import { exportFile } from "@/lib/exports/exports";
import type { Judgment } from "@/lib/pairwise/judge";
import { untar } from "@/lib/testing/untar";
import { createExport } from "@/lib/exports/exports";
import { exportOptionsSchema } from "@/lib/exports/options";
import { startSynthesis } from "@/lib/synthesis/jobs";
import { synthesisInputSchema } from "@/lib/synthesis/schemas";
import { requestTraining } from "@/lib/learner/service";
import { updateReviewSettings } from "@/lib/projects/update-review-settings";

process.env.BATCH_POLL_MS = "40"; // batch runs poll the fake often, as in lib/runs/batch-run.test.ts

let fake: FakeAnthropic;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "goldset-pairwise-"));

beforeAll(async () => {
  fake = await startFakeLlm({ retryAfterSeconds: 0 });
});
afterAll(async () => {
  await fake.stop();
});

// The fake judge prefers the response that says "correct" (lib/testing/fake-anthropic/answer.ts).
const ROWS = [
  ["p1", "What is 2+2?", "The correct answer is 4.", "It is 5.", "alpha", "beta"],
  ["p2", "Capital of France?", "Lyon.", "Paris, the correct one.", "alpha", "gamma"],
  ["p3", "Spell cat", "c-a-t, correct.", "k-a-t", "beta", "gamma"],
  ["p4", "Say hi", "hi", "hello", "alpha", "beta"],
  ["p5", "Missing B", "A only", "", "alpha", "beta"],
  ["p6", "Largest planet?", "Jupiter is correct.", "Saturn.", "gamma", "beta"],
];
const csv = ["id,question,left,right,left_model,right_model", ...ROWS.map((r) => r.map((c) => `"${c}"`).join(","))].join("\n");

async function pairwiseProject() {
  const lead = await createTestUser();
  const project = await insertProject(lead.id, { name: "Pairs", taskType: "PAIRWISE", guidelines: "Prefer correct answers.", labels: [] });
  const access = await leadAccess(lead.id, project.id);
  const file = path.join(tmp, `${crypto.randomUUID()}.csv`);
  fs.writeFileSync(file, csv);
  const imp = await createImportFromFile(access, {
    path: file,
    idField: "id",
    promptField: "question",
    aField: "left",
    bField: "right",
    aModelField: "left_model",
    bModelField: "right_model",
  });
  expect(await runImport(imp.id)).toBe("done");
  return { lead, access, projectId: project.id, importId: imp.id };
}

async function judge(access: Awaited<ReturnType<typeof leadAccess>>, settings: Record<string, unknown> = {}, mode: "DIRECT" | "BATCH" = "DIRECT") {
  const version = await createPromptVersion(
    access,
    promptVersionSchema.parse({
      modelId: "claude-haiku-4-5",
      strategy: "ZERO_SHOT",
      instructions: "Which response is better?",
      settings: { temperature: 0, maxTokens: 256, samples: 1, fewShotK: 3, ...settings },
    }),
  );
  const run = await createRun(access, startRunSchema.parse({ promptVersionId: version.id, selection: { kind: "MISSING" }, concurrency: 2, mode }));
  expect(await processRun(run.id)).toBe("done");
  return version.id;
}

describe("pairwise preference labeling", () => {
  it("imports pairs with their fixed labels, mapped columns and a per-row error for a missing response", async () => {
    const { access, projectId, importId } = await pairwiseProject();
    const db = await getDb();
    expect((await db.label.findMany({ where: { projectId }, orderBy: { position: "asc" } })).map((l) => [l.name, l.hotkey])).toEqual([
      ["A", "a"],
      ["B", "b"],
      ["tie", "t"],
    ]);
    const errors = await listImportErrors(access, importId);
    expect(errors.map((e) => [e.line, e.field, e.reason])).toEqual([[6, "right", 'missing response B: no "right" value']]);
    const items = await db.item.findMany({ where: { projectId }, orderBy: { externalId: "asc" }, include: { pair: true } });
    expect(items.map((i) => [i.externalId, i.text, i.pair?.responseA, i.pair?.responseB, i.pair?.modelA, i.pair?.modelB, i.metadata])).toEqual(
      ROWS.filter((r) => r[0] !== "p5").map(([id, q, a, b, am, bm]) => [id, q, a, b, am, bm, {}]),
    );
  });

  it("judges each pair in both orders and keeps both answers; a position-biased judge gives ties and is reported as biased", async () => {
    fake.config = { ...fake.config, firstShownBias: 0 };
    const { access, projectId } = await pairwiseProject();
    const before = fake.log.length;
    const fair = await judge(access);
    const db = await getDb();
    const items = (await db.item.findMany({ where: { projectId }, orderBy: { externalId: "asc" }, include: { pair: true } })).map((i) => ({
      ...i,
      ...i.pair!,
    }));
    // Two requests per item, in the fake's log: A shown first, then B shown first.
    const asked = fake.log.slice(before);
    expect(asked).toHaveLength(2 * items.length);
    for (const i of items) {
      expect(asked).toContain(`## Prompt\n${i.text}\n\n## Response A\n${i.responseA}\n\n## Response B\n${i.responseB}`);
      expect(asked).toContain(`## Prompt\n${i.text}\n\n## Response A\n${i.responseB}\n\n## Response B\n${i.responseA}`);
    }
    const fairRows = await db.suggestion.findMany({ where: { promptVersionId: fair }, orderBy: { itemId: "asc" } });
    const idOf = new Map(items.map((i) => [i.id, i.externalId]));
    expect(fairRows.map((s) => [idOf.get(s.itemId), (s.value as { label: string }).label])).toEqual([
      ["p1", "A"],
      ["p2", "B"],
      ["p3", "A"],
      ["p4", "tie"],
      ["p6", "A"],
    ]);
    for (const s of fairRows) {
      const js = s.judgments as Judgment[];
      expect(js.map((j) => j.order)).toEqual(["AB", "BA"]);
      expect(js[0].label).toBe(js[1].label);
      expect(js.every((j) => j.costUsd > 0 && j.inputTokens > 0 && j.rationale)).toBe(true);
      expect(Number(s.costUsd)).toBeCloseTo(js[0].costUsd + js[1].costUsd, 9);
    }

    fake.config = { ...fake.config, firstShownBias: 1 };
    const biased = await judge(access);
    const biasedRows = await db.suggestion.findMany({ where: { promptVersionId: biased } });
    expect(biasedRows.map((s) => (s.value as { label: string }).label)).toEqual(Array(5).fill("tie"));
    const figures = await judgeFigures(projectId);
    const byVersion = new Map(figures.map((f) => [f.versionId, f]));
    expect(byVersion.get(biased)!.firstShown).toMatchObject({ k: 10, n: 10, rate: 1 });
    expect(byVersion.get(biased)!.consistency).toMatchObject({ k: 0, n: 5, rate: 0 });
    // The fair judge's decisive answers: p1, p2, p3, p6 in both orders, first-shown half the time.
    expect(byVersion.get(fair)!.firstShown).toMatchObject({ k: 4, n: 8, rate: 0.5 });
    expect(byVersion.get(fair)!.consistency).toMatchObject({ k: 5, n: 5, rate: 1 });
    // A pair one of whose orders went unanswered says nothing about position: it is left out.
    const [first] = biasedRows;
    const broken = (first.judgments as Judgment[]).map((j, i) => (i === 1 ? { ...j, shown: null, label: null, error: "the model refused to answer" } : j));
    await db.suggestion.update({ where: { id: first.id }, data: { judgments: broken } });
    const after = (await judgeFigures(projectId)).find((f) => f.versionId === biased)!;
    expect([after.firstShown.n, after.consistency.n]).toEqual([8, 4]);
    fake.config = { ...fake.config, firstShownBias: 0 };
  });

  it("judges in batch mode as in direct mode: both orders per pair, the same verdicts, at batch prices", async () => {
    fake.config = { ...fake.config, firstShownBias: 0.5 };
    const { access } = await pairwiseProject();
    const direct = await judge(access);
    const batched = await judge(access, {}, "BATCH");
    const db = await getDb();
    const rows = async (versionId: string) => db.suggestion.findMany({ where: { promptVersionId: versionId }, orderBy: { itemId: "asc" } });
    const [d, b] = [await rows(direct), await rows(batched)];
    expect(b.map((s) => s.value)).toEqual(d.map((s) => s.value));
    expect(b.map((s) => (s.judgments as Judgment[]).map((j) => [j.order, j.shown]))).toEqual(
      d.map((s) => (s.judgments as Judgment[]).map((j) => [j.order, j.shown])),
    );
    // Half the biased pairs: some ties from inconsistency, and batch costs half as much.
    expect(d.some((s) => (s.value as { label: string }).label === "tie")).toBe(true);
    const cost = (xs: typeof d) => xs.reduce((sum, s) => sum + Number(s.costUsd), 0);
    expect(cost(b) / cost(d)).toBeCloseTo(0.5, 2);
    fake.config = { ...fake.config, firstShownBias: 0 };
  });

  it("shows each reviewer the pair in their own order, stores answers in canonical order, and ranks the models from gold and from the judge", async () => {
    const { lead, access, projectId } = await pairwiseProject();
    const versionId = await judge(access);
    const annotator = await createTestUser();
    await addMember(projectId, annotator.id, "ANNOTATOR");
    const mine = await accessFor(annotator.id, projectId);
    const db = await getDb();
    let swappedSeen = 0;
    for (;;) {
      const { task } = await claimNext(mine);
      if (!task) break;
      const pair = task.item.pair!;
      expect(pair).toBeDefined();
      const item = await db.itemPair.findUniqueOrThrow({ where: { itemId: task.item.id } });
      expect([pair.a, pair.b]).toEqual([item.responseA, item.responseB]); // canonical; the screen swaps
      if (pair.swapped) swappedSeen++;
      // The reviewer always prefers the left response: a fully position-biased person.
      await submitDecision(mine, { id: crypto.randomUUID(), itemId: task.item.id, action: "LABELED", value: { label: pair.swapped ? "B" : "A" }, seconds: 2 });
    }
    const human = await humanFirstShown(projectId);
    expect(human).toMatchObject({ k: 5, n: 5, rate: 1 });
    // The coin (lib/pairwise/order.ts) put B on the left for exactly the pairs the screen swapped.
    const [coin] = await db.$queryRaw<{ n: number }[]>(
      sql`SELECT count(*)::int AS n FROM "Item" i WHERE i."projectId" = ${projectId} AND ${shownSwappedSql(sql`i.id`, sql`${annotator.id}::text`)}`,
    );
    expect(swappedSeen).toBe(coin.n);

    const q = await pairwiseQuality(access, versionId);
    const judgeBoard = new Map(q.leaderboard!.judge.map((s) => [s.model, s]));
    // From the judge: alpha beat beta (p1), lost to gamma (p2) and tied beta (p4); beta beat gamma
    // (p3); gamma beat beta (p6).
    expect(judgeBoard.get("alpha")).toMatchObject({ games: 3, wins: 1, ties: 1 });
    expect(judgeBoard.get("beta")).toMatchObject({ games: 4, wins: 1, ties: 1 });
    expect(judgeBoard.get("gamma")).toMatchObject({ games: 3, wins: 2, ties: 0 });
    expect(q.leaderboard!.gold.length).toBe(3);

    // DPO export: pairs whose gold prefers a side, the preferred response chosen.
    const e = await db.export.create({ data: { projectId, createdById: lead.id, format: "PREFERENCE", options: {}, fileName: "x.jsonl" } });
    expect(await runExport(e.id)).toBe("done");
    const file = await exportFile(access, e.id);
    const rows = fs
      .readFileSync(file.path, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const gold = (await db.goldLabel.findMany({ where: { projectId }, include: { item: { include: { pair: true } } } })).map((g) => ({
      ...g,
      item: { ...g.item, ...g.item.pair! },
    }));
    expect(rows).toHaveLength(gold.filter((g) => ["A", "B"].includes((g.value as { label: string }).label)).length);
    for (const r of rows) {
      expect(Object.keys(r).slice(0, 4)).toEqual(["id", "prompt", "chosen", "rejected"]);
      const g = gold.find((x) => x.item.externalId === r.id)!;
      const preferA = (g.value as { label: string }).label === "A";
      expect([r.prompt, r.chosen, r.rejected]).toEqual([
        g.item.text,
        preferA ? g.item.responseA : g.item.responseB,
        preferA ? g.item.responseB : g.item.responseA,
      ]);
    }

    // The Hugging Face folder: the same DPO records, and a card that says so.
    const hfExport = await db.export.create({ data: { projectId, createdById: lead.id, format: "HF_DATASET", options: {}, fileName: "x.tar" } });
    expect(await runExport(hfExport.id)).toBe("done");
    const entries = await untar(fs.readFileSync((await exportFile(access, hfExport.id)).path));
    expect(
      entries
        .get("data/train.jsonl")!
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l)),
    ).toEqual(rows);
    expect(entries.get("README.md")).toContain("TRL's DPO trainer");

    // JSONL keeps everything: both responses, their models and the judge's two answers.
    const jsonlExport = await db.export.create({ data: { projectId, createdById: lead.id, format: "JSONL", options: {}, fileName: "x.jsonl" } });
    expect(await runExport(jsonlExport.id)).toBe("done");
    const full = fs
      .readFileSync((await exportFile(access, jsonlExport.id)).path, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(full[0]).toMatchObject({
      response_a: expect.any(String),
      response_b: expect.any(String),
      model_a: expect.any(String),
      judgments: [{ order: "AB" }, { order: "BA" }],
    });
  });

  it("refuses what does not fit pairs, saying why: Label Studio in or out, fine-tuning chats, synthesis, the task learner, response columns elsewhere", async () => {
    const { lead, access } = await pairwiseProject();
    const file = path.join(tmp, "tasks.json");
    fs.writeFileSync(file, "[]");
    await expect(createImportFromFile(access, { path: file, format: "LABEL_STUDIO" })).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringMatching(/pairwise/i),
    });
    for (const format of ["LABEL_STUDIO", "FINETUNE_CHAT"] as const) {
      await expect(createExport(access, exportOptionsSchema.parse({ format }))).rejects.toMatchObject({
        code: "VALIDATION",
        fieldErrors: { format: "Not for pairwise projects" },
      });
    }
    await expect(startSynthesis(access, synthesisInputSchema.parse({ label: "A", count: 5 }))).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(requestTraining(access)).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(updateReviewSettings(access, { reviewersPerItem: 1, blindPercent: 10, queueOrder: "LEARNER_MIXED" })).rejects.toMatchObject({
      fieldErrors: { queueOrder: "Not for this task type" },
    });
    const single = await insertProject(lead.id, {
      name: "Not pairs",
      taskType: "SINGLE_LABEL",
      labels: [
        { name: "x", color: "#2563eb" },
        { name: "y", color: "#dc2626" },
      ],
    });
    const csv2 = path.join(tmp, "single.csv");
    fs.writeFileSync(csv2, "text,a\nhello,world");
    await expect(createImportFromFile(await leadAccess(lead.id, single.id), { path: csv2, aField: "a" })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { aField: "Only for pairwise projects" },
    });
  });
});
