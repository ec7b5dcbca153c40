// A PostgreSQL restart (or an administrator) ends idle connections: the app must carry on with new
// ones instead of dying on an unheard 'error' event.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { getDatabase, getDb } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { elapse } from "@/lib/testing/wait";

describe.runIf(process.env.DATABASE_URL)("database connections", () => {
  it("survive the server ending every idle connection", async () => {
    const database = await getDatabase();
    const db = await getDb();
    await Promise.all([database.query(sql`SELECT 1`), db.user.count()]);
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    const { rows } = await admin.query(
      `SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'idle'`,
    );
    expect(rows.length).toBeGreaterThan(0);
    await admin.end();
    // The pool hears the closed sockets a moment later, as 'error' events on idle clients: there
    // is no public signal to wait for, so the test gives it the moment a restart would.
    await elapse(300);
    expect(await database.query<{ one: number }>(sql`SELECT 1 AS one`)).toEqual([{ one: 1 }]);
    expect(await db.user.count()).toBeGreaterThanOrEqual(0);
  });
});
