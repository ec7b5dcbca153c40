// The smallest SQL surface the migrator, pg-boss and the hand-written hot paths need, over either
// driver. Statements are `sql` templates (lib/db/sql.ts): values always travel as parameters.
import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";
import { sql, type Sql } from "@/lib/db/sql";

export type SqlSession = {
  /**
   * `prepare`: a hot statement (the review queue's), parsed and planned once per connection on
   * PostgreSQL rather than on every call. PGlite ignores it.
   */
  query<T = Record<string, unknown>>(statement: Sql, options?: { prepare?: boolean }): Promise<T[]>;
  /** Several statements without parameters (a migration file, SAVEPOINT). */
  exec(statement: Sql): Promise<void>;
  /** COPY ... FROM STDIN with text-format data; only on PostgreSQL (PGlite has no STDIN). */
  copyIn?(statement: Sql, data: string): Promise<void>;
};

/** How many rows a data-changing statement (without its own RETURNING) touched, on any session. */
export async function rowsChanged(tx: SqlSession, statement: Sql): Promise<number> {
  const [{ n }] = await tx.query<{ n: number }>(sql`WITH changed AS (${statement} RETURNING 1) SELECT count(*)::int AS n FROM changed`);
  return n;
}

function withoutValues(statement: Sql): string {
  if (statement.values.length) throw new Error("exec and COPY take statements without parameters");
  return statement.text;
}

export function pgliteSession(db: PGlite): SqlSession {
  return {
    async query<T>(statement: Sql) {
      const res = await db.query(statement.text, statement.values);
      return res.rows as T[];
    },
    async exec(statement: Sql) {
      await db.exec(withoutValues(statement));
    },
  };
}

const statementNames = new Map<string, string>();
/** A stable name per statement text, as node-postgres keys its per-connection prepared statements. */
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) statementNames.set(text, (name = `goldset_${statementNames.size + 1}`));
  return name;
}

export function pgSession(client: pg.Client | pg.PoolClient): SqlSession {
  return {
    async copyIn(statement: Sql, data: string) {
      const { from } = await import("pg-copy-streams");
      const { Readable } = await import("node:stream");
      const { pipeline } = await import("node:stream/promises");
      await pipeline(Readable.from([data]), client.query(from(withoutValues(statement))));
    },
    async query<T>(statement: Sql, options?: { prepare?: boolean }) {
      const res = options?.prepare
        ? await client.query({ name: statementName(statement.text), text: statement.text, values: statement.values })
        : await client.query(statement.text, statement.values);
      return res.rows as T[];
    },
    async exec(statement: Sql) {
      await client.query(withoutValues(statement));
    },
  };
}
