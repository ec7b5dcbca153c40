// GET /api/health: what a load balancer or a newcomer's "is it working" step asks. The app can
// serve when the database answers and its migrations are all applied ("down" otherwise, 503);
// background work needs a worker seen in the last few minutes, and pre-labeling needs the API key
// ("degraded" without them). Nothing secret is said: whether a key is set, never the key.
import os from "node:os";
import { getDatabase } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { readMigrations } from "@/lib/db/migrate";
import { llmConfigured } from "@/lib/llm/client";

/** A worker writes its heartbeat every minute (the sweep); three missed ones mean none is running. */
export const WORKER_STALE_MS = 3 * 60_000;

export type Check = { ok: boolean; detail: string };
export type Health = { status: "ok" | "degraded" | "down"; checks: { database: Check; migrations: Check; worker: Check; model: Check } };

// The migrations shipped with this build do not change while it runs: read from disk once, not on
// every load balancer probe.
let shipped: string[] | undefined;
const migrationNames = () => (shipped ??= readMigrations().map((m) => m.name));

export async function health(now = new Date()): Promise<Health> {
  const model: Check = llmConfigured()
    ? { ok: true, detail: "ANTHROPIC_API_KEY is set." }
    : { ok: false, detail: "ANTHROPIC_API_KEY is not set: pre-labeling cannot run." };
  let database: Check;
  let migrations: Check = { ok: false, detail: "Not checked: the database did not answer." };
  let worker: Check = { ok: false, detail: "Not checked: the database did not answer." };
  try {
    const db = await getDatabase();
    await db.query(sql`SELECT 1`);
    database = { ok: true, detail: `${db.kind === "postgres" ? "PostgreSQL" : "Embedded PGlite"} answers.` };
    const applied = new Set(
      (await db.query<{ name: string }>(sql`SELECT migration_name AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`)).map((r) => r.name),
    );
    const pending = migrationNames().filter((name) => !applied.has(name));
    migrations = pending.length
      ? { ok: false, detail: `${pending.length} migration(s) not applied: ${pending.join(", ")}.` }
      : { ok: true, detail: `All ${applied.size} applied.` };
    const [beat] = await db.query<{ seenAt: Date | null }>(sql`SELECT max("seenAt") AS "seenAt" FROM "WorkerHeartbeat"`);
    const seen = beat?.seenAt ? new Date(beat.seenAt) : null;
    worker =
      seen && now.getTime() - seen.getTime() < WORKER_STALE_MS
        ? { ok: true, detail: `A worker was seen ${Math.round((now.getTime() - seen.getTime()) / 1000)} s ago.` }
        : {
            ok: false,
            detail: seen
              ? `No worker seen since ${seen.toISOString()}: imports, runs and exports wait.`
              : "No worker has run yet: imports, runs and exports wait.",
          };
  } catch (err) {
    database = { ok: false, detail: `The database does not answer: ${(err as Error).message}` };
  }
  const status = !database.ok || !migrations.ok ? "down" : worker.ok && model.ok ? "ok" : "degraded";
  return { status, checks: { database, migrations, worker, model } };
}

/** Called by the worker's sweep: this process's engine is alive. Old heartbeats of stopped processes are dropped. */
export async function heartbeat(): Promise<void> {
  const db = await getDatabase();
  const id = `${os.hostname()}:${process.pid}`;
  await db.query(
    sql`INSERT INTO "WorkerHeartbeat" (id, host, pid, "seenAt") VALUES (${id}, ${os.hostname()}, ${process.pid}, now())
        ON CONFLICT (id) DO UPDATE SET "seenAt" = now()`,
  );
  await db.query(sql`DELETE FROM "WorkerHeartbeat" WHERE "seenAt" < now() - interval '1 day'`);
}
