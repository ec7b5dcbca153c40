// npm run bench:prelabel — the real run machinery (createRun + processRun, on PostgreSQL) against
// the fake Anthropic server in its own process, 200 ms per request, concurrency 32, 5,000 items.
// Then again with 10% 429s (retry-after: 1 s) and 2% 529s. Prints items/s, the ratio to the
// theoretical limit (32 / 0.2 s = 160 items/s), the app's CPU ms per item, the share of prompt-
// prefix tokens served from the cache, and a last line of JSON.
//   DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/postgres): a server where the bench
//   may create and drop a database. BENCH_ITEMS (5000), BENCH_LATENCY_MS (200), BENCH_CONCURRENCY (32).
import { fork, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createBenchDatabase } from "./bench/bench-database";

const ITEMS = Number(process.env.BENCH_ITEMS ?? 5000);
const LATENCY = Number(process.env.BENCH_LATENCY_MS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);


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
Object.assign(process.env, { DATABASE_URL: url.toString(), GOLDSET_DATA_DIR: dataDir, ANTHROPIC_API_KEY: "bench", NODE_ENV: "production", NEXTAUTH_URL: "http://localhost:3000", NEXTAUTH_SECRET: crypto.randomBytes(32).toString("hex") });

const { getDb, closeDatabase } = await import("@/lib/db");
const { resetEnvForTests } = await import("@/lib/env");
const { createRun } = await import("@/lib/runs/create-run");
const { processRun } = await import("@/lib/runs/process-run");
const { createPromptVersion } = await import("@/lib/prompts/create-prompt-version");
const { insertProject } = await import("@/lib/projects/create-project");
const { createTestUser, leadAccess } = await import("@/lib/testing/factories");
const { promptVersionSchema } = await import("@/lib/prompts/schemas");
const { stopBoss } = await import("@/lib/jobs/boss");

const children: ChildProcess[] = [];
try {
  const db = await getDb();
  const user = await createTestUser();
  // Realistic guidelines: a long, shared prefix is what prompt caching is for.
  const guidelines = Array.from({ length: 40 }, (_, i) => `- Rule ${i + 1}: mail that offers money, pills, prizes or loans without being asked for is spam; newsletters the person subscribed to are ham.`).join("\n");
  const project = await insertProject(user.id, { name: "Bench", taskType: "SINGLE_LABEL", guidelines, labels: [{ name: "spam", color: "#dc2626", hotkey: "1" }, { name: "ham", color: "#16a34a", hotkey: "2" }] });
  // The benchmark measures throughput, not the money guards: no project budget, no monthly limit.
  await db.project.update({ where: { id: project.id }, data: { budgetUsd: null } });
  await db.instanceSettings.update({ where: { id: 1 }, data: { monthlySpendLimitUsd: null } });
  const access = await leadAccess(user.id, project.id);
  const texts = Array.from({ length: ITEMS }, (_, i) => (i % 3 === 0 ? `Congratulations! You won a prize, claim it now (spam offer #${i}). ` : `Hi team, the ham-radio club meets on Thursday, agenda item ${i}. `).repeat(3));
  for (let i = 0; i < ITEMS; i += 1000) {
    await db.item.createMany({ data: texts.slice(i, i + 1000).map((text, j) => ({ projectId: project.id, externalId: `b${i + j}`, text })) });
  }

  async function measure(label: string, port: number, faults: Record<string, string>) {
    const fake = await startFake(port, faults);
    children.push(fake);
    process.env.ANTHROPIC_BASE_URL = `http://127.0.0.1:${port}`;
    resetEnvForTests();
    const version = await createPromptVersion(
      access,
      promptVersionSchema.parse({ modelId: "claude-haiku-4-5", strategy: "ZERO_SHOT", instructions: `Decide whether the e-mail is spam (${label}).`, settings: { temperature: 0, maxTokens: 256, samples: 1, fewShotK: 4 } }),
    );
    const run = await createRun(access, { promptVersionId: version.id, selection: { kind: "MISSING" }, mode: "DIRECT", concurrency: CONCURRENCY });
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const result = await processRun(run.id);
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const r = await db.run.findUniqueOrThrow({ where: { id: run.id } });
    const suggestions = await db.suggestion.count({ where: { promptVersionId: version.id } });
    const pending = await db.runItem.count({ where: { runId: run.id, status: "PENDING" } });
    const s = await stats(fake);
    const read = Number(r.cacheReadTokens);
    const write = Number(r.cacheWriteTokens);
    const out = {
      result,
      itemsPerS: (r.doneItems + r.failedItems) / seconds,
      cpuMsPerItem: (cpu.user + cpu.system) / 1000 / Math.max(1, r.doneItems + r.failedItems),
      cacheShare: read / Math.max(1, read + write),
      completed: result === "done" && suggestions === ITEMS && pending === 0,
      done: r.doneItems,
      failed: r.failedItems,
      statuses: s.byStatus,
      seconds,
    };
    console.log(`${label}: ${out.itemsPerS.toFixed(1)} items/s in ${seconds.toFixed(1)} s, ${out.cpuMsPerItem.toFixed(2)} CPU ms/item, cache share ${out.cacheShare.toFixed(4)}, done ${r.doneItems}, failed ${r.failedItems}, fake answered ${JSON.stringify(s.byStatus)}`);
    return out;
  }

  const clean = await measure("clean", 4710, {});
  const faulty = await measure("10% 429 + 2% 529", 4711, { FAKE_LLM_RATE429: "0.1", FAKE_LLM_RATE529: "0.02" });
  const limit = CONCURRENCY / (LATENCY / 1000);
  const result = {
    items_per_s: Number(clean.itemsPerS.toFixed(1)),
    ratio_to_limit: Number((clean.itemsPerS / limit).toFixed(3)),
    cpu_ms_per_item: Number(clean.cpuMsPerItem.toFixed(2)),
    cache_share: Number(clean.cacheShare.toFixed(4)),
    faulty_ratio: Number((faulty.itemsPerS / clean.itemsPerS).toFixed(3)),
    faulty_completed: faulty.completed,
  };
  console.log(`limit ${limit} items/s; ratio ${result.ratio_to_limit} (goal >= 0.8); faulty/clean ${result.faulty_ratio} (goal >= 0.5); every item completed under faults: ${result.faulty_completed}`);
  console.log(JSON.stringify(result));
} finally {
  for (const c of children) c.kill("SIGTERM");
  await stopBoss().catch(() => {});
  await closeDatabase();
  await bench.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
