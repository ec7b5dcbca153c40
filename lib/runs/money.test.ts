// Nobody spends what is not theirs: who may create projects, the budget a project starts with,
// the instance's monthly limit, one active run per prompt version, and timed-out requests kept as
// spend. Against the fake Anthropic server, on a real database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import type { FakeAnthropic } from "@/lib/testing/fake-anthropic/server";
import { createProject } from "@/lib/projects/create-project";
import { createRun } from "@/lib/runs/create-run";
import { estimateRun } from "@/lib/runs/estimate";
import { startRunSchema } from "@/lib/runs/schemas";
import { processRun } from "@/lib/testing/process-run";
import { pauseRun, resumeRun } from "@/lib/runs/control-run";
import { STOP_MESSAGES } from "@/lib/runs/budget";
import { getInstanceSettings, mayCreateProjects, monthlySpend } from "@/lib/instance/settings";
import { callerOf, createTestUser } from "@/lib/testing/factories";
import { llmProject, startFakeLlm } from "@/lib/testing/llm-fixtures";

let fake: FakeAnthropic;
process.env.RUN_ITEM_LEASE_SECONDS = "1";
process.env.LLM_TIMEOUT_MS = "300";
process.env.GOLDSET_DEFAULT_PROJECT_BUDGET_USD = "7.5";
resetEnvForTests();

beforeAll(async () => {
  fake = await startFakeLlm({ retryAfterSeconds: 0 });
});
afterAll(async () => {
  await fake.stop();
});

const start = (p: { access: Parameters<typeof createRun>[0]; versionId: string }, extra: object = {}) =>
  createRun(p.access, startRunSchema.parse({ promptVersionId: p.versionId, selection: { kind: "MISSING" }, ...extra }));

const project = {
  name: "Mine",
  taskType: "SINGLE_LABEL" as const,
  description: "",
  guidelines: "",
  labels: [
    { name: "a", description: "", color: "#000000", hotkey: null },
    { name: "b", description: "", color: "#000000", hotkey: null },
  ],
};

describe("who may spend", () => {
  it("lets admins and existing leads create projects, not every invited person; new projects start with the default budget", async () => {
    const admin = callerOf(await createTestUser({ isAdmin: true }));
    const newcomer = callerOf(await createTestUser());
    expect((await getInstanceSettings()).projectCreators).toBe("ADMINS_AND_LEADS");
    expect(await mayCreateProjects(newcomer)).toBe(false);
    await expect(createProject(newcomer, project)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const created = await createProject(admin, project);
    const db = await getDb();
    expect(Number((await db.project.findUniqueOrThrow({ where: { id: created.id } })).budgetUsd)).toBe(7.5);
    // Leading one project (made by an admin) lets a person create more.
    await db.membership.create({ data: { projectId: created.id, userId: newcomer.userId, role: "LEAD" } });
    expect(await mayCreateProjects(newcomer)).toBe(true);
    await db.instanceSettings.update({ where: { id: 1 }, data: { projectCreators: "ADMINS" } });
    expect(await mayCreateProjects(newcomer)).toBe(false);
    await db.instanceSettings.update({ where: { id: 1 }, data: { projectCreators: "ADMINS_AND_LEADS" } });
  });
});

describe("runs and money", () => {
  it("allows one active run per prompt version, even when two start at once, and never bills an item twice for a version", async () => {
    fake.config = { ...fake.config, faults: {}, latencyMs: 0 };
    const p = await llmProject(6);
    const attempts = await Promise.allSettled([start(p), start(p)]);
    expect(attempts.filter((a) => a.status === "fulfilled")).toHaveLength(1);
    const refused = attempts.find((a) => a.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: "CONFLICT" });
    expect(refused.reason.message).toMatch(/already has an active run/);
    const run = (attempts.find((a) => a.status === "fulfilled") as PromiseFulfilledResult<Awaited<ReturnType<typeof start>>>).value;
    await pauseRun(p.access, run.id);
    // Paused is still active: no second run of the version meanwhile.
    await expect(start(p, { selection: { kind: "FILTER" } })).rejects.toMatchObject({ code: "CONFLICT" });
    await resumeRun(p.access, run.id);
    const before = fake.stats.messages;
    expect(await processRun(run.id)).toBe("done");
    expect(fake.stats.messages - before).toBe(6);
    // A filter covering everything now adds nothing: every item has this version's answer.
    await expect(start(p, { selection: { kind: "FILTER" } })).rejects.toThrow(/already has a suggestion from prompt version 1/);
  });

  it("stops at the instance's monthly limit, across projects, with a message that says whose limit it is", async () => {
    fake.config = { ...fake.config, faults: {}, latencyMs: 0 };
    const db = await getDb();
    const p = await llmProject(30);
    await db.project.update({ where: { id: p.projectId }, data: { budgetUsd: null } });
    const { spentUsd } = await monthlySpend();
    // Room for a few requests only (each reserves its worst case, about $0.0014 here).
    await db.instanceSettings.update({ where: { id: 1 }, data: { monthlySpendLimitUsd: spentUsd + 0.005 } });
    const run = await start(p, { concurrency: 2 });
    expect(await processRun(run.id)).toBe("stopped");
    const stopped = await db.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(stopped.error).toBe(STOP_MESSAGES.instance);
    expect(stopped.doneItems).toBeGreaterThan(0);
    expect(stopped.doneItems).toBeLessThan(30);
    const after = await monthlySpend();
    expect(after.spentUsd).toBeLessThanOrEqual(spentUsd + 0.005);
    expect(after.reservedUsd).toBeCloseTo(0, 9);
    await db.instanceSettings.update({ where: { id: 1 }, data: { monthlySpendLimitUsd: null } });
  });

  it("keeps a timed-out request's worst case as spend (the API may have billed it), and reserves again before retrying", async () => {
    const db = await getDb();
    const p = await llmProject(1);
    // The first request never answers; the retry does.
    fake.config = { ...fake.config, latencyMs: 0, faults: { stall: 1 } };
    const seen = fake.stats.messages;
    const watcher = setInterval(() => {
      if (fake.stats.messages > seen) fake.config = { ...fake.config, faults: {} };
    }, 20);
    const run = await start(p);
    try {
      expect(await processRun(run.id)).toBe("done");
    } finally {
      clearInterval(watcher);
    }
    const [s] = await db.suggestion.findMany({ where: { projectId: p.projectId } });
    const usage = { input: s.inputTokens + s.cacheReadTokens + s.cacheWriteTokens, output: s.outputTokens };
    const answered = (s.inputTokens * 1 + s.cacheWriteTokens * 1.25 + s.cacheReadTokens * 0.1 + s.outputTokens * 5) / 1e6;
    expect(usage.output).toBeGreaterThan(0);
    // Haiku: $1 in / $5 out per million. The timed-out attempt adds its reserved worst case.
    expect(Number(s.costUsd)).toBeGreaterThan(answered + (256 * 5) / 1e6);
    const proj = await db.project.findUniqueOrThrow({ where: { id: p.projectId } });
    expect(Number(proj.spentUsd)).toBeCloseTo(Number(s.costUsd), 9);
    expect(Number(proj.reservedUsd)).toBeCloseTo(0, 9);
  });

  it("estimates a run before it starts: items, the expected cost and the worst case", async () => {
    const p = await llmProject(10);
    const e = await estimateRun(p.access, { promptVersionId: p.versionId, selection: { kind: "MISSING" }, mode: "DIRECT" });
    expect(e.items).toBe(10);
    expect(e.requests).toBe(10);
    expect(e.expectedUsd).toBeGreaterThan(0);
    expect(e.worstCaseUsd).toBeGreaterThan(e.expectedUsd);
    // Worst case: every answer at max_tokens (256 here, at $5 per million output tokens).
    expect(e.worstCaseUsd).toBeGreaterThan((10 * 256 * 5) / 1e6);
    const batch = await estimateRun(p.access, { promptVersionId: p.versionId, selection: { kind: "MISSING" }, mode: "BATCH" });
    expect(batch.worstCaseUsd).toBeCloseTo(e.worstCaseUsd / 2, 9);
    expect(e.budget.budgetUsd).toBe(7.5);
  });
});
