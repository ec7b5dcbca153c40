// The one Prisma client. PostgreSQL (@prisma/adapter-pg) when DATABASE_URL is set, otherwise the
// embedded PGlite in .data/pglite. Pending migrations are applied before the first query.
import fs from "node:fs";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { applyMigrations } from "@/lib/db/migrate";
import { pgSession, pgliteSession, type SqlSession } from "@/lib/db/sql-session";
import type { Sql } from "@/lib/db/sql";
import type { PGlite } from "@electric-sql/pglite";
import { log } from "@/lib/observability/log";

export type Database = {
  prisma: PrismaClient;
  kind: "postgres" | "pglite";
  /** Set for PostgreSQL: a connection string for other clients (pg-boss, COPY). */
  url?: string;
  /** Set for PGlite: the single in-process instance everything must share. */
  pglite?: PGlite;
  /**
   * A transaction on the driver itself, for bulk paths where Prisma's per-query overhead matters
   * (imports use COPY on PostgreSQL). Everything else goes through `prisma`.
   */
  rawTransaction<T>(fn: (tx: SqlSession) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** One statement on the driver pool, outside a transaction (the boundary's access check). */
  query<T>(statement: Sql, options?: { prepare?: boolean }): Promise<T[]>;
  close(): Promise<void>;
};

export type TransactionOptions = {
  /**
   * Soft state only (review leases): the commit does not wait for the WAL flush. A crash can lose
   * the last few such commits (never a half of one), which for a lease means the item is back in
   * the queue, as when a lease expires. Never for decisions, imports or money.
   */
  softState?: boolean;
};

type Holder = { promise?: Promise<Database> };
// Kept on globalThis so Next's dev-mode module reloads never open PGlite twice.
const holder: Holder = ((globalThis as Record<string, unknown>).__goldsetDb ??= {}) as Holder;

export function getDatabase(): Promise<Database> {
  holder.promise ??= openDatabase().catch((err) => {
    holder.promise = undefined;
    throw err;
  });
  return holder.promise;
}

export async function getDb(): Promise<PrismaClient> {
  return (await getDatabase()).prisma;
}

export async function closeDatabase(): Promise<void> {
  const p = holder.promise;
  holder.promise = undefined;
  if (p) await (await p).close();
}

async function openDatabase(): Promise<Database> {
  const { databaseUrl, pgliteDir } = env();
  return databaseUrl ? openPostgres(databaseUrl) : openPglite(pgliteDir);
}

async function openPostgres(url: string): Promise<Database> {
  // Every statement the app sends gives up after DB_STATEMENT_TIMEOUT_MS, so a slow query (or a
  // search someone made expensive on purpose) cannot hold a connection and pile up requests
  // behind it. Migrations (below) and pg-boss have their own connections without the limit.
  const statement_timeout = env().statementTimeoutMs;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await migrate(pgSession(client));
  } finally {
    await client.end();
  }
  // One pool per process: Prisma's queries and the driver's transactions (imports, export batches,
  // the review hot path) take their connections from it. pg-boss keeps its own few (lib/jobs/boss.ts).
  // Ten, as each of the two pools had before they were one: measured with 20 annotators on two
  // cores, a pool of 20 cost about 10% of the review queue's claims/s and raised its p95 (more
  // statements contending at once), while 10 kept the figures of the two pools.
  const pool = new pg.Pool({ connectionString: url, max: 10, statement_timeout });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  // An idle connection the server ends (a restart, an administrator, a dropped test database)
  // is an 'error' on the pool; unheard, Node would end the whole process. The pool has already
  // dropped that connection and opens a new one when asked.
  pool.on("error", (err) => log.warn(`[db] an idle connection was closed by the server: ${err.message}`));
  return {
    prisma,
    kind: "postgres",
    url,
    async rawTransaction(fn, options) {
      const client = await pool.connect();
      try {
        await client.query(options?.softState ? "BEGIN; SET LOCAL synchronous_commit TO off" : "BEGIN");
        const result = await fn(pgSession(client));
        await client.query("COMMIT");
        return result;
      } catch (err) {
        await client.query("ROLLBACK").catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    async query<T>(statement: Sql, options?: { prepare?: boolean }) {
      const client = await pool.connect();
      try {
        return await pgSession(client).query<T>(statement, options);
      } finally {
        client.release();
      }
    },
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

async function openPglite(dir: string): Promise<Database> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  // Trigram indexes back the items search (migration items_search).
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const inMemory = dir.startsWith("memory://");
  if (!inMemory) fs.mkdirSync(dir, { recursive: true }); // PGlite does not create parent folders
  // PGlite has no statement timeout (one process, one connection): the search's index is what keeps
  // it fast there.
  const pglite = new PGlite({ dataDir: inMemory ? undefined : dir, extensions: { pg_trgm } });
  await pglite.waitReady;
  await migrate(pgliteSession(pglite));
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    prisma,
    kind: "pglite",
    pglite,
    // One in-process connection whose WAL writes are not fsync-bound: softState changes nothing.
    rawTransaction: (fn) => pglite.transaction((tx) => fn(pgliteSession(tx as unknown as PGlite))),
    query: (statement) => pgliteSession(pglite).query(statement),
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

async function migrate(session: SqlSession) {
  const applied = await applyMigrations(session);
  if (applied.length) log.info(`[db] applied ${applied.length} migration(s): ${applied.join(", ")}`);
}
