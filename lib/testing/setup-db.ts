// Vitest setup: every test file gets its own database. With DATABASE_URL (a PostgreSQL server) a
// fresh database is created and dropped afterwards; without it, an in-memory PGlite.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import pg from "pg";
import { afterAll } from "vitest";

const baseUrl = process.env.DATABASE_URL;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "goldset-test-"));
process.env.GOLDSET_DATA_DIR = dataDir;
process.env.NEXTAUTH_SECRET ??= crypto.randomBytes(32).toString("base64url");

let dropDatabase: (() => Promise<void>) | undefined;

if (baseUrl) {
  const name = `goldset_test_${crypto.randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  dropDatabase = async () => {
    const c = new pg.Client({ connectionString: baseUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.end();
  };
} else {
  process.env.PGLITE_DIR = "memory://";
}

afterAll(async () => {
  const { stopBoss } = await import("@/lib/jobs/boss");
  await stopBoss().catch(() => {}); // before the database goes, or its connections log being killed
  const { closeDatabase } = await import("@/lib/db");
  await closeDatabase();
  await dropDatabase?.();
  fs.rmSync(dataDir, { recursive: true, force: true });
});
