// Starts `next start` for the e2e suite on a database of its own: a fresh PostgreSQL database when
// DATABASE_URL is set (dropped on exit), otherwise a fresh embedded PGlite folder.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { serverLogPath } from "./server-log.mjs";

const port = process.argv[2] ?? "3210";
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "goldset-e2e-"));
const env = {
  ...process.env,
  NODE_ENV: "production",
  GOLDSET_DATA_DIR: dataDir,
  NEXTAUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
  NEXTAUTH_URL: `http://127.0.0.1:${port}`,
};
let cleanup = async () => {};
if (process.env.DATABASE_URL) {
  const name = `goldset_e2e_${crypto.randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${name}`;
  env.DATABASE_URL = url.toString();
  cleanup = async () => {
    const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.end();
  };
}
// The fake Anthropic API, so pre-labeling runs end to end without the real one.
const fakePort = String(Number(port) + 1);
const fake = spawn(process.execPath, ["--import", "tsx", "scripts/fake-llm.ts"], {
  // e2e/21: people call mail about a warranty ham; the fake model does not know it until a prompt says so.
  env: {
    ...process.env,
    FAKE_LLM_PORT: fakePort,
    FAKE_LLM_LATENCY_MS: "30",
    FAKE_LLM_HIDDEN_RULES: "warranty=ham",
    FAKE_LLM_CONTROL_PORT: String(Number(port) + 2),
  },
  stdio: "inherit",
});
env.ANTHROPIC_API_KEY = "e2e-fake-key";
env.ANTHROPIC_BASE_URL = `http://127.0.0.1:${fakePort}`;
// A run whose API stops answering pauses after 10 s here (60 s by default), so the spec that cuts the API off is quick.
env.RUN_OUTAGE_PAUSE_SECONDS = "10";
console.log(`[e2e] data in ${dataDir}${env.DATABASE_URL ? `, database ${new URL(env.DATABASE_URL).pathname.slice(1)}` : ", PGlite"}`);
// The server's output also goes to a file, which e2e/9-no-secrets-in-logs.spec.ts reads.
const logFile = serverLogPath(port);
fs.writeFileSync(logFile, "");
const next = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", port, "-H", "127.0.0.1"], { env, stdio: ["ignore", "pipe", "pipe"] });
for (const stream of [next.stdout, next.stderr]) {
  stream.on("data", (chunk) => {
    fs.appendFileSync(logFile, chunk);
    process.stdout.write(chunk);
  });
}
const stop = async (code) => {
  next.kill("SIGTERM");
  fake.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 500));
  await cleanup().catch(() => {});
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? 0);
};
process.on("SIGTERM", () => stop(0));
process.on("SIGINT", () => stop(0));
next.on("exit", (code) => stop(code ?? 1));
