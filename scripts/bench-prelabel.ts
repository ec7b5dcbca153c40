// npm run bench:prelabel — the real run machinery (createRun + processRun, on PostgreSQL) against
// the fake Anthropic server in its own process (which caches only what the API would cache),
// 200 ms per request, concurrency 32, 5,000 items. Then again with 10% 429s (retry-after: 1 s) and
// 2% 529s. Prints items/s, the ratio to the theoretical limit (32 / 0.2 s = 160 items/s), the
// app's CPU ms per item, the share of prompt-prefix tokens served from the cache, and a last line
// of JSON. Three more scenarios:
//   - pairwise: the same run on 5,000 pairs, each judged in both orders (two requests an item);
//     pairwise_ratio is its items/s over half the limit (goal >= 0.8);
//   - realistic caching: Sonnet 4.6, guidelines of about 2,000 tokens, items of about 200 tokens;
//     the cache share, and the input cost per item over what the same tokens cost uncached;
//   - starvation: one worker process (the job engine, default slots) runs a batch-mode run whose
//     batch takes 60 s in one project and a direct run of 200 items in another; the direct run's
//     time over its time alone.
//   DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/postgres): a server where the bench
//   may create and drop a database. BENCH_ITEMS (5000), BENCH_LATENCY_MS (200), BENCH_CONCURRENCY (32),
//   BENCH_REALISTIC_ITEMS (2000).
import { fork, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createBenchDatabase } from "./bench/bench-database";

const ITEMS = Number(process.env.BENCH_ITEMS ?? 5000);
const LATENCY = Number(process.env.BENCH_LATENCY_MS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const REALISTIC_ITEMS = Number(process.env.BENCH_REALISTIC_ITEMS ?? 2000);

function startFake(port: number, faults: Record<string, string>): Promise<ChildProcess> {
  const child = fork("scripts/fake-llm.ts", [], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, FAKE_LLM_PORT: String(port), FAKE_LLM_LATENCY_MS: String(LATENCY), FAKE_LLM_RETRY_AFTER: "1", ...faults },
    stdio: ["ignore", "pipe", "inherit", "ipc"],
  });
  return new Promise((resolve) => child.stdout!.once("data", () => resolve(child)));
}

const stats = (child: ChildProcess) =>
  new Promise<{ requests: number; byStatus: Record<string, number> }>((resolve) => {
    child.once("message", (m) => resolve(m as never));
    child.send("stats");
  });

const bench = await createBenchDatabase();
const url = new URL(bench.url);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "goldset-bench-"));
Object.assign(process.env, {
  DATABASE_URL: url.toString(),
  GOLDSET_DATA_DIR: dataDir,
  ANTHROPIC_API_KEY: "bench",
  NODE_ENV: "production",
  NEXTAUTH_URL: "http://localhost:3000",
  NEXTAUTH_SECRET: crypto.randomBytes(32).toString("hex"),
});

const { getDb, closeDatabase } = await import("@/lib/db");
const { resetEnvForTests } = await import("@/lib/env");
const { createRun } = await import("@/lib/runs/create-run");
const { processRun } = await import("@/lib/testing/process-run");
const { createPromptVersion } = await import("@/lib/prompts/create-prompt-version");
const { insertProject } = await import("@/lib/projects/create-project");
const { createTestUser, leadAccess } = await import("@/lib/testing/factories");
const { promptVersionSchema } = await import("@/lib/prompts/schemas");
const { stopBoss } = await import("@/lib/jobs/boss");
const { getInstanceSettings } = await import("@/lib/instance/settings");

const children: ChildProcess[] = [];
try {
  const db = await getDb();
  const user = await createTestUser();
  // The benchmark measures throughput, not the money guards: no project budget, no monthly limit.
  await getInstanceSettings();
  await db.instanceSettings.update({ where: { id: 1 }, data: { monthlySpendLimitUsd: null } });

  async function benchProject(name: string, guidelines: string, texts: string[]) {
    const project = await insertProject(user.id, {
      name,
      taskType: "SINGLE_LABEL",
      guidelines,
      labels: [
        { name: "spam", color: "#dc2626", hotkey: "1" },
        { name: "ham", color: "#16a34a", hotkey: "2" },
      ],
    });
    await db.project.update({ where: { id: project.id }, data: { budgetUsd: null } });
    for (let i = 0; i < texts.length; i += 1000) {
      await db.item.createMany({ data: texts.slice(i, i + 1000).map((text, j) => ({ projectId: project.id, externalId: `b${i + j}`, text })) });
    }
    return { projectId: project.id, access: await leadAccess(user.id, project.id), count: texts.length };
  }
  const version = (access: Awaited<ReturnType<typeof benchProject>>["access"], modelId: string, label: string) =>
    createPromptVersion(
      access,
      promptVersionSchema.parse({
        modelId,
        strategy: "ZERO_SHOT",
        instructions: `Decide whether the e-mail is spam (${label}).`,
        settings: { temperature: 0, maxTokens: 256, samples: 1, fewShotK: 4 },
      }),
    );
  async function switchFake(port: number, env: Record<string, string>) {
    const fake = await startFake(port, env);
    children.push(fake);
    process.env.ANTHROPIC_BASE_URL = `http://127.0.0.1:${port}`;
    resetEnvForTests();
    return fake;
  }

  // The throughput scenarios: 40 rules of guidelines, about 1,400 tokens of prefix, under Haiku
  // 4.5's 4,096-token cache minimum: the fake, like the API, caches none of it.
  const rules = Array.from(
    { length: 40 },
    (_, i) => `- Rule ${i + 1}: mail that offers money, pills, prizes or loans without being asked for is spam; newsletters the person subscribed to are ham.`,
  ).join("\n");
  const short = await benchProject(
    "Bench",
    rules,
    Array.from({ length: ITEMS }, (_, i) =>
      (i % 3 === 0
        ? `Congratulations! You won a prize, claim it now (spam offer #${i}). `
        : `Hi team, the ham-radio club meets on Thursday, agenda item ${i}. `
      ).repeat(3),
    ),
  );

  async function measure(label: string, port: number, faults: Record<string, string>, target = short, modelId = "claude-haiku-4-5") {
    const fake = await switchFake(port, faults);
    const v = await version(target.access, modelId, label);
    const run = await createRun(target.access, { promptVersionId: v.id, selection: { kind: "MISSING" }, mode: "DIRECT", concurrency: CONCURRENCY });
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const result = await processRun(run.id);
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const r = await db.run.findUniqueOrThrow({ where: { id: run.id } });
    const items = r.doneItems + r.failedItems;
    const suggestions = await db.suggestion.count({ where: { promptVersionId: v.id } });
    const pending = await db.runItem.count({ where: { runId: run.id, status: "PENDING" } });
    const s = await stats(fake);
    const prefixTokens = (await db.promptVersion.findUniqueOrThrow({ where: { id: v.id } })).prefixTokens ?? 0;
    const [input, read, write] = [Number(r.inputTokens), Number(r.cacheReadTokens), Number(r.cacheWriteTokens)];
    const out = {
      result,
      itemsPerS: items / seconds,
      cpuMsPerItem: (cpu.user + cpu.system) / 1000 / Math.max(1, items),
      // Of every request's prompt prefix, the share the API served from its cache.
      cacheShare: read / Math.max(1, prefixTokens * items),
      // Input cost with caching (writes at 1.25x, reads at 0.1x) over the same tokens at the full price.
      cacheCostRatio: (input + 1.25 * write + 0.1 * read) / Math.max(1, input + write + read),
      inputTokensPerItem: (input + write + read) / Math.max(1, items),
      prefixTokens,
      completed: result === "done" && suggestions === target.count && pending === 0,
      done: r.doneItems,
      failed: r.failedItems,
      statuses: s.byStatus,
      seconds,
    };
    console.log(
      `${label}: ${out.itemsPerS.toFixed(1)} items/s in ${seconds.toFixed(1)} s, ${out.cpuMsPerItem.toFixed(2)} CPU ms/item, prefix ${prefixTokens} tokens, ` +
        `${out.inputTokensPerItem.toFixed(0)} input tokens/item, cache share ${out.cacheShare.toFixed(4)}, cache cost ratio ${out.cacheCostRatio.toFixed(3)}, done ${r.doneItems}, failed ${r.failedItems}, fake answered ${JSON.stringify(s.byStatus)}`,
    );
    return out;
  }

  const clean = await measure("clean", 4710, {});

  // Pairwise: each item a prompt and two responses of about the same size as the items above.
  const pairProject = await insertProject(user.id, { name: "Pairs", taskType: "PAIRWISE", guidelines: rules, labels: [] });
  await db.project.update({ where: { id: pairProject.id }, data: { budgetUsd: null } });
  for (let i = 0; i < ITEMS; i += 1000) {
    const created = await db.item.createManyAndReturn({
      data: Array.from({ length: Math.min(1000, ITEMS - i) }, (_, j) => ({
        projectId: pairProject.id,
        externalId: `p${i + j}`,
        text: `Question ${i + j}: how do I reset my password?`,
      })),
      select: { id: true, externalId: true },
    });
    await db.itemPair.createMany({
      data: created.map(({ id, externalId }) => ({
        itemId: id,
        responseA: `Open the settings page and choose "reset password" (${externalId.slice(1)}); the correct link arrives by mail. `.repeat(2),
        responseB: `Call support during office hours, ticket ${externalId.slice(1)}, and wait for a callback from the team. `.repeat(2),
      })),
    });
  }
  const pairs = await measure("pairwise", 4714, {}, { projectId: pairProject.id, access: await leadAccess(user.id, pairProject.id), count: ITEMS });
  const faulty = await measure("10% 429 + 2% 529", 4711, { FAKE_LLM_RATE429: "0.1", FAKE_LLM_RATE529: "0.02" });

  // Realistic caching: guidelines of about 2,000 tokens, items of about 200, on Sonnet 4.6 (2,048-token minimum).
  const manual = Array.from(
    { length: 56 },
    (_, i) =>
      `- Guideline ${i + 1}: when a message ${["offers a prize", "asks for bank details", "promotes pills", "announces a club meeting", "shares a newsletter the reader subscribed to", "confirms an order"][i % 6]}, label it ${i % 6 < 3 ? "spam" : "ham"}; quote the sentence that decided it in your head, and prefer ham when the sender is known to the reader.`,
  ).join("\n");
  const body = (i: number) =>
    `Subject: ${i % 3 ? "club meeting" : "you won"} #${i}. ` +
    (i % 3
      ? "Hi all, the ham radio club meets on Thursday at the community hall; bring your logbook and a friend. "
      : "Congratulations, you have been selected for a cash prize; reply with your bank details to claim it today. "
    ).repeat(5);
  const realistic = await benchProject(
    "Realistic",
    manual,
    Array.from({ length: REALISTIC_ITEMS }, (_, i) => body(i)),
  );
  const cached = await measure("realistic caching", 4712, {}, realistic, "claude-sonnet-4-6");

  // Starvation: one worker process, a batch run waiting 60 s at the API in one project, a direct run of 200 items in another.
  await switchFake(4713, { FAKE_LLM_BATCH_DELAY_MS: "60000" });
  const { startWorker, stopWorker } = await import("@/lib/worker");
  await startWorker();
  const directTexts = Array.from({ length: 200 }, (_, i) => body(i));
  async function directRunSeconds(label: string) {
    const p = await benchProject(label, rules, directTexts);
    const v = await version(p.access, "claude-haiku-4-5", label);
    const t0 = performance.now();
    const run = await createRun(p.access, { promptVersionId: v.id, selection: { kind: "MISSING" }, mode: "DIRECT", concurrency: CONCURRENCY });
    for (;;) {
      const r = await db.run.findUniqueOrThrow({ where: { id: run.id }, select: { status: true } });
      if (r.status !== "QUEUED" && r.status !== "RUNNING") break;
      await new Promise((res) => setTimeout(res, 50));
    }
    return (performance.now() - t0) / 1000;
  }
  await directRunSeconds("Warm-up"); // the engine's first job pays for starting pg-boss's polling
  const alone = await directRunSeconds("Direct alone");
  const waiting = await benchProject(
    "Batch",
    rules,
    Array.from({ length: 500 }, (_, i) => body(i)),
  );
  const bv = await version(waiting.access, "claude-haiku-4-5", "batch");
  const batchRun = await createRun(waiting.access, { promptVersionId: bv.id, selection: { kind: "MISSING" }, mode: "BATCH", concurrency: 8 });
  const beside = await directRunSeconds("Direct beside a batch");
  const batchState = await db.run.findUniqueOrThrow({ where: { id: batchRun.id }, select: { status: true, batchIds: true } });
  await stopWorker();
  console.log(
    `starvation: direct run of 200 items alone ${alone.toFixed(2)} s, beside a batch run waiting at the API ${beside.toFixed(2)} s (the batch run: ${batchState.status}, ${batchState.batchIds.length} batch open)`,
  );

  const limit = CONCURRENCY / (LATENCY / 1000);
  const result = {
    items_per_s: Number(clean.itemsPerS.toFixed(1)),
    ratio_to_limit: Number((clean.itemsPerS / limit).toFixed(3)),
    cpu_ms_per_item: Number(clean.cpuMsPerItem.toFixed(2)),
    cache_share: Number(clean.cacheShare.toFixed(4)),
    faulty_ratio: Number((faulty.itemsPerS / clean.itemsPerS).toFixed(3)),
    faulty_completed: faulty.completed,
    cache_share_realistic: Number(cached.cacheShare.toFixed(4)),
    cache_cost_ratio: Number(cached.cacheCostRatio.toFixed(3)),
    starvation_ratio: Number((beside / alone).toFixed(3)),
    pairwise_ratio: Number((pairs.itemsPerS / (limit / 2)).toFixed(3)),
  };
  console.log(
    `limit ${limit} items/s; ratio ${result.ratio_to_limit} (goal >= 0.8); faulty/clean ${result.faulty_ratio} (goal >= 0.5); every item completed under faults: ${result.faulty_completed}`,
  );
  console.log(
    `pairwise: ${pairs.itemsPerS.toFixed(1)} items/s, ${(pairs.itemsPerS / (limit / 2)).toFixed(3)} of half the limit (goal >= 0.8); every pair completed: ${pairs.completed}`,
  );
  console.log(
    `realistic cache share ${result.cache_share_realistic} (goal >= 0.9); input cost with caching / without ${result.cache_cost_ratio} (goal <= 0.35); starvation ${result.starvation_ratio} (goal <= 1.5)`,
  );
  console.log(JSON.stringify(result));
} finally {
  for (const c of children) c.kill("SIGTERM");
  await stopBoss().catch(() => {});
  await closeDatabase();
  await bench.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
