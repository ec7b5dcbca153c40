// The lease every background job holds on its row (Import, Run, Export): a runner token and a
// heartbeat. Claiming is one UPDATE, so two workers never both hold a row; a runner whose
// heartbeat is older than the lease is presumed dead and its row can be claimed again. A runner
// keeps its lease alive in the background and learns when it is lost (taken over, or the row
// was paused or cancelled), and stops writing.
import crypto from "node:crypto";
import { getDb } from "@/lib/db";
import { empty, identifier, sql, type Sql } from "@/lib/db/sql";
import { log } from "@/lib/observability/log";

/** A table with the lease columns (status, runnerToken, heartbeatAt, startedAt): a constant of the caller's. */
export type LeasedTable = string;

/** Rows that may be claimed: queued, or running without a live runner (dead, or between two steps). */
const CLAIMABLE = (seconds: number) =>
  sql`(status = 'QUEUED' OR (status = 'RUNNING' AND ("runnerToken" IS NULL OR "heartbeatAt" IS NULL OR "heartbeatAt" < now() - make_interval(secs => ${seconds}))))`;

export class Lease {
  private timer: NodeJS.Timeout | null = null;
  lost = false;

  private constructor(
    readonly table: LeasedTable,
    readonly id: string,
    readonly token: string,
    readonly seconds: number,
  ) {}

  /**
   * Takes the row if it is claimable (`when` replaces the usual condition, for a row claimed in
   * another status, as a cancelled run whose batches are being stopped). `set` adds assignments
   * (attempts = attempts + 1). Claiming a queued row makes it RUNNING.
   */
  static async claim(table: LeasedTable, id: string, seconds: number, opts: { when?: Sql; set?: Sql } = {}): Promise<Lease | null> {
    const db = await getDb();
    const token = crypto.randomUUID();
    const t = identifier(table);
    const n = await db.$executeRaw(
      sql`UPDATE ${t} SET status = CASE WHEN status = 'QUEUED' THEN 'RUNNING' ELSE status END, "runnerToken" = ${token}, "heartbeatAt" = now(),
            "startedAt" = COALESCE("startedAt", now()) ${opts.set ? sql`, ${opts.set}` : empty}
          WHERE id = ${id} AND ${opts.when ?? CLAIMABLE(seconds)}`,
    );
    return n === 1 ? new Lease(table, id, token, seconds) : null;
  }

  /** Renews the heartbeat; false (and `lost`) when the row is no longer ours, or no longer running. */
  async renew(): Promise<boolean> {
    if (this.lost) return false;
    const db = await getDb();
    const n = await db.$executeRaw(sql`UPDATE ${identifier(this.table)} SET "heartbeatAt" = now() WHERE id = ${this.id} AND "runnerToken" = ${this.token}`);
    if (n !== 1) this.lost = true;
    return !this.lost;
  }

  /** Renews every quarter of the lease until `release` or `stop`; a failed renewal (the database away) is tried again next time. */
  keepAlive(onLost?: () => void): this {
    this.timer ??= setInterval(
      () => {
        void this.renew()
          .then((ok) => {
            if (!ok) {
              this.stop();
              onLost?.();
            }
          })
          .catch((err) => log.error(`[jobs] heartbeat of ${this.table} ${this.id}`, { err }));
      },
      (this.seconds * 1000) / 4,
    );
    this.timer.unref();
    return this;
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Runs only: gives the row up while it is still running; its next step (due at `wakeAt`) claims it again. */
  async pause(wakeAt: Date): Promise<void> {
    if (this.table !== "Run") throw new Error("Only runs work in steps.");
    this.stop();
    const db = await getDb();
    await db.$executeRaw(
      sql`UPDATE ${identifier(this.table)} SET "runnerToken" = NULL, "wakeAt" = ${wakeAt} WHERE id = ${this.id} AND "runnerToken" = ${this.token}`,
    );
  }
}
