// The smallest SQL surface the migrator and pg-boss need, over either driver.
import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";

export type SqlSession = {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
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

export function pgSession(client: pg.Client | pg.PoolClient): SqlSession {
  return {
    async copyIn(sql: string, data: string) {
      const { from } = await import("pg-copy-streams");
      const { Readable } = await import("node:stream");
      const { pipeline } = await import("node:stream/promises");
      await pipeline(Readable.from([data]), client.query(from(sql)));
    },
    async query<T>(sql: string, params: unknown[] = []) {
      const res = await client.query(sql, params);
      return res.rows as T[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}
