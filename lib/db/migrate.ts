// Applies prisma/migrations at start-up, on PostgreSQL and PGlite alike, and records each one in
// _prisma_migrations exactly as `prisma migrate deploy` does (sha256 of migration.sql as checksum),
// so a machine with the native Prisma CLI can take over the same database at any time.
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import type { SqlSession } from "@/lib/db/sql-session";
import { sql, trusted } from "@/lib/db/sql";
import { log } from "@/lib/observability/log";

// Prisma's own advisory-lock key: the CLI and this migrator never run at the same time.
const PRISMA_ADVISORY_LOCK = 72707369;

const CREATE_TABLE = sql`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export type Migration = { name: string; sql: string; checksum: string };

export function readMigrations(dir = path.join(process.cwd(), "prisma", "migrations")): Migration[] {
  if (!fs.existsSync(/*turbopackIgnore: true*/ dir)) throw new Error(`No migrations folder at ${dir}`);
  return fs
    .readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(/*turbopackIgnore: true*/ path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(/*turbopackIgnore: true*/ path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
    });
}

/** Returns the names of the migrations it applied. */
export async function applyMigrations(session: SqlSession, migrations = readMigrations()): Promise<string[]> {
  await session.query(sql`SELECT pg_advisory_lock(${PRISMA_ADVISORY_LOCK})`);
  try {
    await session.exec(CREATE_TABLE);
    const rows = await session.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      sql`SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const done = new Map(rows.filter((r) => r.finished_at).map((r) => [r.migration_name, r.checksum]));
    const failed = rows.filter((r) => !r.finished_at).map((r) => r.migration_name);
    if (failed.length) {
      throw new Error(`Migration ${failed[0]} failed earlier and was not rolled back; fix the database, then mark it rolled back.`);
    }
    const applied: string[] = [];
    for (const m of migrations) {
      const known = done.get(m.name);
      if (known) {
        if (known !== m.checksum) log.warn(`[migrate] ${m.name} was edited after it was applied (checksum differs).`);
        continue;
      }
      // One transaction per migration: PostgreSQL DDL is transactional, so a failure leaves nothing behind.
      await session.exec(sql`BEGIN`);
      try {
        // A migration file is SQL written in this repository, applied as it is.
        await session.exec(trusted(m.sql));
        await session.query(
          sql`INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
              VALUES (${crypto.randomUUID()}, ${m.checksum}, ${m.name}, now(), now(), 1)`,
        );
        await session.exec(sql`COMMIT`);
      } catch (err) {
        await session.exec(sql`ROLLBACK`);
        throw new Error(`Migration ${m.name} failed: ${(err as Error).message}`);
      }
      applied.push(m.name);
    }
    return applied;
  } finally {
    await session.query(sql`SELECT pg_advisory_unlock(${PRISMA_ADVISORY_LOCK})`);
  }
}
