// A throwaway PostgreSQL database for one benchmark run, on the server DATABASE_URL points at.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export const BENCH_SERVER_URL = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

async function onServer(sql: string) {
  const c = new pg.Client({ connectionString: BENCH_SERVER_URL });
  await c.connect();
  await c.query(sql);
  await c.end();
}

/** Creates a fresh database; `drop()` removes it even with connections still open. */
export async function createBenchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `goldset_bench_${crypto.randomBytes(4).toString("hex")}`;
  await onServer(`CREATE DATABASE "${name}"`);
  const url = new URL(BENCH_SERVER_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/**
 * A fresh database and data folder, with the app's environment pointed at them: call it before the
 * app's modules are imported (they read the environment once). `extra` adds or overrides variables.
 */
export async function benchEnvironment(
  extra: Record<string, string> = {},
): Promise<{ bench: Awaited<ReturnType<typeof createBenchDatabase>>; dataDir: string }> {
  const bench = await createBenchDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "goldset-bench-"));
  Object.assign(process.env, {
    DATABASE_URL: bench.url,
    GOLDSET_DATA_DIR: dataDir,
    NODE_ENV: "production",
    NEXTAUTH_URL: "http://localhost:3000",
    NEXTAUTH_SECRET: crypto.randomBytes(32).toString("hex"),
    ...extra,
  });
  return { bench, dataDir };
}
