// Bringing back lost work: rows whose runner died (a stale heartbeat) or whose job was lost in a
// crash before it was sent are queued again; the leases make a second job harmless. Each domain
// says which of its rows to look at (its definition's `recover`); the housekeeping job calls them.
import { getDb } from "@/lib/db";
import type { Sql } from "@/lib/db/sql";
import { getBoss } from "@/lib/jobs/boss";
import { orphanedRows, type OrphanRow } from "@/lib/jobs/sql";

/** Rows of `table` (with the lease columns) whose runner died or whose job is lost, each sent again by `send`. */
export async function requeueLapsed(table: string, queue: string, key: string, leaseSeconds: number, send: (row: OrphanRow) => Promise<void>): Promise<number> {
  const rows = await lostJobRows(orphanedRows(table, queue, key, leaseSeconds));
  for (const r of rows) await send(r);
  return rows.length;
}

/** Rows a domain's own query finds without a job (checked against pg-boss's tables, so they must exist). */
export async function lostJobRows(query: Sql): Promise<OrphanRow[]> {
  await getBoss();
  const db = await getDb();
  return db.$queryRaw<OrphanRow[]>(query);
}
