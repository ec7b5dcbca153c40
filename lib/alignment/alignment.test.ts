// A lead proposes a revision from corrections, tests it on held-out gold and promotes it, against
// the fake's prompt-sensitive annotator: items mentioning "warranty" are ham to people, and the
// model calls them spam unless its prompt says otherwise.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import type { FakeAnthropic } from "@/lib/testing/fake-anthropic/server";
import { llmProject, startFakeLlm } from "@/lib/testing/llm-fixtures";
import { createRun } from "@/lib/runs/create-run";
import { processRun } from "@/lib/testing/process-run";
import { getCurrentPromptVersion } from "@/lib/prompts/queries";
import { proposeFromCorrections } from "@/lib/alignment/propose";
import { testRound } from "@/lib/alignment/test-round";
import { evaluateRound, type TestResult } from "@/lib/alignment/evaluate";
import { discardRound, promoteRound } from "@/lib/alignment/promote";
import { listRounds } from "@/lib/alignment/queries";
import { advanceLoop, startLoop } from "@/lib/alignment/loop";
import { acquireForReview, retestRound, settleAcquisition } from "@/lib/alignment/acquire";
import { claimNextItem } from "@/lib/reviews/claim-next";
import { submitDecision } from "@/lib/reviews/submit-decision";
import crypto from "node:crypto";
import { leadAccess } from "@/lib/testing/factories";
import fs from "node:fs";
import { runExport } from "@/lib/exports/run-export";
import { exportFile } from "@/lib/exports/exports";
import { untar } from "@/lib/testing/untar";

async function exportNow(
  p: { access: Awaited<ReturnType<typeof llmProject>>["access"]; projectId: string; user: { id: string } },
  format: "JSONL" | "HF_DATASET",
) {
  const db = await getDb();
  const e = await db.export.create({ data: { projectId: p.projectId, createdById: p.user.id, format, options: {}, fileName: "x" } });
  await runExport(e.id);
  return fs.readFileSync((await exportFile(p.access, e.id)).path);
}

let fake: FakeAnthropic;
beforeAll(async () => {
  fake = await startFakeLlm({ accuracy: 0.95, hiddenRules: [{ keyword: "warranty", label: "ham" }] });
});
afterAll(async () => {
  await fake.stop();
});

const texts = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    i % 2 === 0
      ? `About your warranty claim number ${i}: we sent the form`
      : i % 4 === 1
        ? `Cheap pills, spam offer ${i}`
        : `Notes ${i}: ham and eggs for lunch`,
  );
const framed = (text: string) => `<item_text>\n${text}\n</item_text>`;
const truth = (text: string) => (/warranty|ham/.test(text) ? "ham" : "spam");

/** A project whose every item is gold, some of it blind, with version 1's answers on all of it. */
async function goldProject(n: number) {
  const p = await llmProject(n, { texts: texts(n) });
  const db = await getDb();
  const items = await db.item.findMany({ where: { projectId: p.projectId }, orderBy: { id: "asc" } });
  await db.goldLabel.createMany({
    data: items.map((it, k) => ({
      itemId: it.id,
      projectId: p.projectId,
      value: { label: truth(it.text) },
      source: "SINGLE_REVIEW" as const,
      blind: k % 10 === 0,
    })),
  });
  await runAll(p.access, p.versionId, { kind: "GOLD" });
  return { ...p, items };
}

async function runAll(access: Awaited<ReturnType<typeof llmProject>>["access"], promptVersionId: string, selection: { kind: "GOLD" } | { kind: "HELD_OUT" }) {
  const run = await createRun(access, { promptVersionId, selection, mode: "DIRECT", concurrency: 8 });
  expect(await processRun(run.id)).toBe("done");
}

async function finishTest(p: Awaited<ReturnType<typeof goldProject>>, roundId: string) {
  const db = await getDb();
  for (const run of await db.run.findMany({ where: { projectId: p.projectId, status: { in: ["QUEUED", "RUNNING"] } } }))
    expect(await processRun(run.id)).toBe("done");
  expect(await evaluateRound(p.projectId, roundId)).toBe("done");
  return db.alignmentRound.findUniqueOrThrow({ where: { id: roundId } });
}

describe("proposing from corrections", () => {
  it("splits gold once, blind gold held out, and never shows a held-out item to the proposer", async () => {
    const p = await goldProject(240);
    const db = await getDb();
    const round = await proposeFromCorrections(p.access, { versionId: p.versionId, proposerModel: "claude-sonnet-4-6" });
    const split = await db.alignmentSplit.findMany({ where: { projectId: p.projectId } });
    expect(split).toHaveLength(240);
    const heldOut = new Set(split.filter((s) => s.heldOut).map((s) => s.itemId));
    for (const [k, it] of p.items.entries()) if (k % 10 === 0) expect(heldOut.has(it.id)).toBe(true);
    expect(heldOut.size).toBeGreaterThan(100);
    expect(heldOut.size).toBeLessThan(170);
    const asked = fake.proposalRequests.at(-1)!;
    for (const it of p.items) if (heldOut.has(it.id)) expect(asked).not.toContain(framed(it.text));
    expect(asked).toContain('people said "ham", the model said "spam"');
    expect(round).toMatchObject({ status: "DRAFT", corrections: expect.any(Number) });
    expect(round.instructions).toContain('mention "warranty" are labeled ham');
    expect(round.changes).toEqual([expect.objectContaining({ gold: "ham", suggested: "spam" })]);
    expect(round.proposalCostUsd).toBeGreaterThan(0);

    // A second proposal reuses the split: no row moves, so nothing seen can become held out.
    const before = split.map((s) => `${s.itemId}:${s.heldOut}:${s.createdAt.toISOString()}`).sort();
    await proposeFromCorrections(p.access, { versionId: p.versionId, proposerModel: "claude-sonnet-4-6" });
    const after = (await db.alignmentSplit.findMany({ where: { projectId: p.projectId } }))
      .map((s) => `${s.itemId}:${s.heldOut}:${s.createdAt.toISOString()}`)
      .sort();
    expect(after).toEqual(before);
    for (const it of p.items) if (heldOut.has(it.id)) expect(fake.proposalRequests.at(-1)).not.toContain(framed(it.text));
    const events = await db.auditEvent.findMany({ where: { projectId: p.projectId, kind: "alignment.proposed" } });
    expect(events).toHaveLength(2);
  });

  it("says what is missing: gold, the version's answers, or its mistakes", async () => {
    // Sixteen items: the chance that the split holds all of them out is 2^-16.
    const p = await llmProject(16, { texts: Array.from({ length: 16 }, (_, i) => (i % 2 ? `ham ${i}` : `spam ${i}`)) });
    const propose = () => proposeFromCorrections(p.access, { versionId: p.versionId, proposerModel: "claude-haiku-4-5" });
    await expect(propose()).rejects.toThrow(/No gold in the proposer's part yet/);
    const db = await getDb();
    const items = await db.item.findMany({ where: { projectId: p.projectId } });
    await db.goldLabel.createMany({
      data: items.map((it) => ({ itemId: it.id, projectId: p.projectId, value: { label: it.text.split(" ")[0] }, source: "SINGLE_REVIEW" as const })),
    });
    await expect(propose()).rejects.toThrow(/has not answered the proposer's part/);
    fake.config.accuracy = 1;
    try {
      await runAll(p.access, p.versionId, { kind: "GOLD" });
    } finally {
      fake.config.accuracy = 0.95;
    }
    await expect(propose()).rejects.toThrow(/no corrections on the proposer's part/);
    expect(await db.alignmentRound.count({ where: { projectId: p.projectId } })).toBe(0);
  });
});

describe("testing and promoting", () => {
  it("tests the candidate on held-out gold, promotes it only on evidence, and keeps it out of use until then", async () => {
    const p = await goldProject(400);
    const db = await getDb();
    const round = await proposeFromCorrections(p.access, { versionId: p.versionId, proposerModel: "claude-sonnet-4-6" });
    const started = await testRound(p.access, round.id);
    expect(started).toMatchObject({ look: 1, alpha: 0.025 });
    // Under test, the candidate is not the current prompt.
    expect((await getCurrentPromptVersion(p.access))!.id).toBe(p.versionId);
    await expect(promoteRound(p.access, round.id)).rejects.toThrow(/no finished test/);
    const tested = await finishTest(p, round.id);
    const result = tested.result as TestResult;
    expect(tested.status).toBe("TESTED");
    expect(result.n).toBe(started.heldOut);
    expect(result.onlyCandidate).toBeGreaterThan(result.onlyParent + 20);
    expect(result.significant).toBe(true);
    expect(result.difference!.interval.low).toBeGreaterThan(0);
    expect(result.perLabel.find((l) => l.label === "ham")!.candidateRight).toBeGreaterThan(result.perLabel.find((l) => l.label === "ham")!.parentRight);
    // Only held-out items were answered by the candidate.
    const heldOut = new Set((await db.alignmentSplit.findMany({ where: { projectId: p.projectId, heldOut: true } })).map((s) => s.itemId));
    const answered = await db.suggestion.findMany({ where: { promptVersionId: started.candidateVersionId } });
    expect(answered.every((s) => heldOut.has(s.itemId))).toBe(true);

    const promoted = await promoteRound(p.access, round.id);
    expect((await getCurrentPromptVersion(p.access))!.id).toBe(promoted.versionId);
    const version = await db.promptVersion.findUniqueOrThrow({ where: { id: promoted.versionId } });
    expect(version.provenance).toMatchObject({
      kind: "proposed-from-corrections",
      parentNumber: 1,
      corrections: round.corrections,
      test: { significant: true },
    });
    expect(await db.auditEvent.count({ where: { projectId: p.projectId, kind: { in: ["alignment.tested", "alignment.promoted"] } } })).toBe(2);
    // The dataset card says where version 2 came from and how it was tested.
    const card = (await untar(await exportNow(p, "HF_DATASET"))).get("README.md")!;
    expect(card).toContain(
      `- version ${promoted.number}: claude-haiku-4-5, zero shot, proposed by claude-sonnet-4-6 from ${round.corrections} corrections of version 1`,
    );
    expect(card).toMatch(new RegExp(`held-out gold items it alone was right on ${result.onlyCandidate} and version 1 alone on ${result.onlyParent}`));
    const rounds = await listRounds(p.access);
    expect(rounds[0]).toMatchObject({ number: 1, status: "PROMOTED", candidateNumber: promoted.number, parentNumber: 1 });

    // Version 2 answered only held-out items: nothing to learn from until it answers the proposer's part.
    await expect(proposeFromCorrections(p.access, { versionId: promoted.versionId, proposerModel: "claude-sonnet-4-6" })).rejects.toThrow(
      /has not answered the proposer's part/,
    );
    await runAll(p.access, promoted.versionId, { kind: "GOLD" });
    // The next test on the same held-out set is held to half the level.
    const next = await proposeFromCorrections(p.access, { versionId: promoted.versionId, proposerModel: "claude-sonnet-4-6" });
    expect((await testRound(p.access, next.id)).alpha).toBe(0.0125);
  });

  it("does not promote a revision that is no better, says what a decision would need, and takes the lead's edits", async () => {
    fake.config.uselessProposer = true;
    try {
      const p = await goldProject(200);
      const db = await getDb();
      const round = await proposeFromCorrections(p.access, { versionId: p.versionId, proposerModel: "claude-haiku-4-5" });
      const edited = "Decide whether the e-mail is spam. Be careful.";
      const started = await testRound(p.access, round.id, { instructions: edited });
      const candidate = await db.promptVersion.findUniqueOrThrow({ where: { id: started.candidateVersionId } });
      expect(candidate).toMatchObject({ instructions: edited, trial: true, parentId: p.versionId, provenance: expect.objectContaining({ edited: true }) });
      const tested = await finishTest(p, round.id);
      const result = tested.result as TestResult;
      expect(result.significant).toBe(false);
      await expect(promoteRound(p.access, round.id)).rejects.toThrow(/not shown better/);
      await discardRound(p.access, round.id);
      // A discarded candidate's answers are never a record's suggestion.
      const rows = (await exportNow(p, "JSONL"))
        .toString("utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as { prompt_version: number | null });
      expect(rows.length).toBe(200);
      expect(rows.every((r) => r.prompt_version === 1)).toBe(true);
      expect((await db.alignmentRound.findUniqueOrThrow({ where: { id: round.id } })).status).toBe("DISCARDED");
      expect((await getCurrentPromptVersion(p.access))!.id).toBe(p.versionId);
    } finally {
      fake.config.uselessProposer = false;
    }
  });

  it("numbers tests started at once apart, and gives a test back when its runs cannot start", async () => {
    const p = await goldProject(200);
    const db = await getDb();
    const a = await proposeFromCorrections(p.access, { versionId: p.versionId, proposerModel: "claude-sonnet-4-6" });
    const b = await proposeFromCorrections(p.access, { versionId: p.versionId, proposerModel: "claude-sonnet-4-6" });
    const c = await proposeFromCorrections(p.access, { versionId: p.versionId, proposerModel: "claude-sonnet-4-6" });
    const started = await Promise.all([testRound(p.access, a.id), testRound(p.access, b.id)]);
    expect(started.map((s) => s.look).sort()).toEqual([1, 2]);
    expect(started.map((s) => s.alpha).sort()).toEqual([0.0125, 0.025]);

    const key = process.env.ANTHROPIC_API_KEY;
    process.env.ANTHROPIC_API_KEY = "";
    resetEnvForTests();
    try {
      await expect(testRound(p.access, c.id)).rejects.toThrow(/ANTHROPIC_API_KEY is not set/);
    } finally {
      process.env.ANTHROPIC_API_KEY = key;
      resetEnvForTests();
    }
    expect(await db.alignmentRound.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ status: "DRAFT", look: null, candidateVersionId: null });
    expect(await db.promptVersion.count({ where: { projectId: p.projectId, trial: true } })).toBe(2);
    expect((await testRound(p.access, c.id)).look).toBe(3);
  });

  it("refuses to promote over a version saved by hand since the test began", async () => {
    const p = await goldProject(200);
    const round = await proposeFromCorrections(p.access, { versionId: p.versionId, proposerModel: "claude-sonnet-4-6" });
    await testRound(p.access, round.id);
    await finishTest(p, round.id);
    const { createPromptVersion } = await import("@/lib/prompts/create-prompt-version");
    const { promptVersionSchema } = await import("@/lib/prompts/schemas");
    await createPromptVersion(
      p.access,
      promptVersionSchema.parse({ modelId: "claude-haiku-4-5", strategy: "ZERO_SHOT", instructions: "By hand.", settings: {} }),
    );
    await expect(promoteRound(p.access, round.id)).rejects.toThrow(/saved after this test began/);
  });
});

describe("a loop of rounds under a spend cap", () => {
  async function runLoop(p: Awaited<ReturnType<typeof goldProject>>, loopId: string) {
    const db = await getDb();
    for (let step = 0; step < 40; step++) {
      if ((await advanceLoop(p.projectId, loopId)) === "done") return db.alignmentLoop.findUniqueOrThrow({ where: { id: loopId } });
      for (const run of await db.run.findMany({ where: { projectId: p.projectId, status: { in: ["QUEUED", "RUNNING"] } } })) await processRun(run.id);
    }
    throw new Error("the loop did not stop");
  }

  it("keeps going while rounds bring a significant gain, stops at the first that does not, within the cap", async () => {
    fake.config.hiddenRules = [
      { keyword: "warranty", label: "ham" },
      { keyword: "invoice", label: "ham" },
    ];
    try {
      const n = 480;
      const texts = Array.from({ length: n }, (_, i) =>
        i % 4 === 0
          ? `About your warranty claim ${i}`
          : i % 4 === 1
            ? `Invoice ${i} attached as agreed`
            : i % 4 === 2
              ? `Cheap pills, spam offer ${i}`
              : `Notes ${i}: ham and eggs`,
      );
      const p = await llmProject(n, { texts });
      const db = await getDb();
      const items = await db.item.findMany({ where: { projectId: p.projectId } });
      await db.goldLabel.createMany({
        data: items.map((it) => ({
          itemId: it.id,
          projectId: p.projectId,
          value: { label: /spam offer/.test(it.text) ? "spam" : "ham" },
          source: "SINGLE_REVIEW" as const,
        })),
      });
      await runAll(p.access, p.versionId, { kind: "GOLD" });
      const loop = await startLoop(p.access, { versionId: p.versionId, proposerModel: "claude-sonnet-4-6", maxRounds: 5, capUsd: 5 });
      const done = await runLoop({ ...p, items }, loop.id);
      const rounds = await db.alignmentRound.findMany({ where: { loopId: loop.id }, orderBy: { number: "asc" } });
      // Round 1 states the most frequent rule, round 2 the other; round 3 has nothing left to state,
      // so it is no better in truth: the loop stops there (unless its test errs, which it may with
      // probability 0.00625 at most: then it goes on, and stops at the next no-gain round or at 5).
      const significant = rounds.map((r) => (r.result as TestResult).significant);
      expect(significant.slice(0, 3)).toEqual([true, true, rounds.length > 3]);
      expect(rounds.map((r) => r.look)).toEqual(rounds.map((_, k) => k + 1));
      expect(rounds.map((r) => r.alpha)).toEqual(rounds.map((_, k) => 0.05 / 2 ** (k + 1)));
      expect(rounds[1].parentVersionId).toBe(rounds[0].candidateVersionId);
      const last = rounds.at(-1)!;
      expect(done).toMatchObject({ status: "DONE", bestVersionId: (significant.at(-1) ? last : rounds.at(-2)!).candidateVersionId });
      expect(done.stopReason).toMatch(
        rounds.length === 5 && significant.at(-1) ? /5 rounds done/ : new RegExp(`round ${last.number} brought no significant gain`),
      );
      expect(done.spentUsd).toBeGreaterThan(0);
      expect(done.spentUsd).toBeLessThanOrEqual(5);
      // Nothing is promoted by the loop; the lead promotes the best, whose chain of significant tests reaches the current version.
      expect((await getCurrentPromptVersion(p.access))!.id).toBe(p.versionId);
      await promoteRound(p.access, rounds[1].id);
      expect((await getCurrentPromptVersion(p.access))!.id).toBe(rounds[1].candidateVersionId);
    } finally {
      fake.config.hiddenRules = [{ keyword: "warranty", label: "ham" }];
    }
  });

  it("takes one step at a time: two jobs for one loop make one round", async () => {
    const p = await goldProject(200);
    const loop = await startLoop(p.access, { versionId: p.versionId, proposerModel: "claude-sonnet-4-6", maxRounds: 1, capUsd: 5 });
    const steps = await Promise.all([advanceLoop(p.projectId, loop.id), advanceLoop(p.projectId, loop.id)]);
    expect(steps).toEqual(["again", "again"]);
    const db = await getDb();
    expect(await db.alignmentRound.count({ where: { loopId: loop.id } })).toBe(1);
    const done = await runLoop(p, loop.id);
    expect(done.stopReason).toMatch(/1 rounds done|no significant gain/);
  });

  it("stops before a round the cap cannot cover", async () => {
    const p = await goldProject(200);
    const loop = await startLoop(p.access, { versionId: p.versionId, proposerModel: "claude-sonnet-4-6", maxRounds: 3, capUsd: 0.0001 });
    const done = await runLoop(p, loop.id);
    expect(done.stopReason).toMatch(/could cost up to .* more than the \$0\.0001 left of the cap/);
    const db = await getDb();
    expect(await db.alignmentRound.count({ where: { loopId: loop.id } })).toBe(0);
  });
});

describe("reviewing where the versions disagree first", () => {
  it("reserves unreviewed items, queues the disagreements first without either suggestion, and decides on a new look", async () => {
    const n = 330;
    const all = texts(n);
    const p = await llmProject(n, { texts: all });
    const db = await getDb();
    const items = await db.item.findMany({ where: { projectId: p.projectId }, orderBy: { id: "asc" } });
    // Only 12 items are gold: too few held-out items to decide.
    const gold = items.slice(0, 12);
    await db.goldLabel.createMany({
      data: gold.map((it) => ({ itemId: it.id, projectId: p.projectId, value: { label: truth(it.text) }, source: "SINGLE_REVIEW" as const })),
    });
    await db.item.updateMany({ where: { id: { in: gold.map((g) => g.id) } }, data: { inQueue: false, status: "REVIEWED" } });
    // The split made by hand, so the test cannot decide whatever the hash would say: three warranty items each side.
    await db.alignmentSplit.createMany({ data: gold.map((g, k) => ({ itemId: g.id, projectId: p.projectId, heldOut: k >= 6 })) });
    await runAll(p.access, p.versionId, { kind: "GOLD" });
    const round = await proposeFromCorrections(p.access, { versionId: p.versionId, proposerModel: "claude-sonnet-4-6" });
    await testRound(p.access, round.id);
    const first = (await finishTest({ ...p, items }, round.id)).result as TestResult;
    expect(first.significant).toBe(false);

    const acquisition = await acquireForReview(p.access, round.id, 300);
    expect(acquisition.items).toBe(300);
    for (const run of await db.run.findMany({ where: { projectId: p.projectId, status: "QUEUED" } })) expect(await processRun(run.id)).toBe("done");
    expect(await settleAcquisition(p.projectId, round.id)).toBe("done");
    const flagged = await db.alignmentSplit.findMany({ where: { projectId: p.projectId, reviewFirst: true } });
    const marked = (await db.alignmentRound.findUniqueOrThrow({ where: { id: round.id } })).acquisition as { disagreements: number };
    expect(marked.disagreements).toBe(flagged.length);
    expect(flagged.length).toBeGreaterThan(60);
    expect(flagged.length).toBeLessThan(200);

    // The queue serves every disagreement before the project's own order (the blind slice keeps
    // its own random stream; none here), and shows neither version's answer.
    await db.project.update({ where: { id: p.projectId }, data: { blindShare: 0 } });
    const reviewer = await leadAccess(p.user.id, p.projectId);
    const flaggedIds = new Set(flagged.map((f) => f.itemId));
    const textOf = new Map(items.map((it) => [it.id, it.text]));
    for (let k = 0; k < flagged.length; k++) {
      const task = await claimNextItem(reviewer);
      expect(flaggedIds.has(task!.item.id)).toBe(true);
      expect(task!.suggestion).toBeNull();
      await submitDecision(reviewer, {
        id: crypto.randomUUID(),
        itemId: task!.item.id,
        action: "LABELED",
        value: { label: truth(textOf.get(task!.item.id)!) },
        seconds: 2,
      });
    }
    const next = await claimNextItem(reviewer);
    expect(flaggedIds.has(next!.item.id)).toBe(false);
    // Reviewed without the suggestion, but not the blind slice: the blind figures stay a random sample.
    expect(await db.goldLabel.count({ where: { itemId: { in: [...flaggedIds] }, blind: true } })).toBe(0);
    expect((await listRounds(p.access))[0].acquisition).toMatchObject({ items: 300, disagreements: flagged.length, reviewed: flagged.length });

    const again = await retestRound(p.access, round.id);
    expect(again).toEqual({ look: 2, alpha: 0.0125 });
    const second = (await finishTest({ ...p, items }, round.id)).result as TestResult;
    expect(second.n).toBeGreaterThan(first.n + 60);
    expect(second.significant).toBe(true);
    expect(second.earlier).toEqual([expect.objectContaining({ look: 1, n: first.n, significant: false })]);
  });
});
