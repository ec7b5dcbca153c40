// The smallest SQL surface the migrator and pg-boss need, over either driver.
import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";

export type SqlSession = {
  /**
   * `prepare`: a hot statement (the review queue's), parsed and planned once per connection on
   * PostgreSQL rather than on every call. PGlite ignores it.
   */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[], options?: { prepare?: boolean }): Promise<T[]>;
  /** Several statements without parameters. */
  exec(sql: string): Promise<void>;
  /** COPY ... FROM STDIN with text-format data; only on PostgreSQL (PGlite has no STDIN). */
  copyIn?(sql: string, data: string): Promise<void>;
};

export function pgliteSession(db: PGlite): SqlSession {
  return {
    async query<T>(sql: string, params: unknown[] = []) {
      const res = await db.query(sql, params);
      return res.rows as T[];
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
  };
}

const statementNames = new Map<string, string>();
/** A stable name per statement text, as node-postgres keys its per-connection prepared statements. */
function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (!name) statementNames.set(sql, (name = `goldset_${statementNames.size + 1}`));
  return name;
}

export function pgSession(client: pg.Client | pg.PoolClient): SqlSession {
  return {
    async copyIn(sql: string, data: string) {
      const { from } = await import("pg-copy-streams");
      const { Readable } = await import("node:stream");
      const { pipeline } = await import("node:stream/promises");
      await pipeline(Readable.from([data]), client.query(from(sql)));
    },
    async query<T>(sql: string, params: unknown[] = [], options?: { prepare?: boolean }) {
      const res = options?.prepare ? await client.query({ name: statementName(sql), text: sql, values: params }) : await client.query(sql, params);
      return res.rows as T[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}
