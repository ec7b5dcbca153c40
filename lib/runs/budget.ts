// Money guards. Before a request goes out its worst-case cost is reserved twice, in one
// transaction: on the project (its budget) and on the instance (the monthly limit across every
// project). Each check and its reservation are one statement, so concurrent requests, even from
// several workers, can never together exceed either. Settling replaces the reservation with the
// real cost, counted in the project's spend and in this month's ledger.
//
// Lock order, everywhere: Project, then InstanceSettings, then MonthlySpend, then RunItem rows
// (in item order), then Item rows.
import { getDatabase } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import type { SqlSession } from "@/lib/db/sql-session";
import { currentMonth, getInstanceSettings } from "@/lib/instance/settings";

export type Reservation = { ok: true } | { ok: false; limit: "project" | "instance" };

export const STOP_MESSAGES = {
  project: "The project's budget would be exceeded by the next request. Raise the budget in the run settings to go on.",
  instance: "This month's spend limit for the whole instance would be exceeded by the next request. An admin can raise it on the Admin page.",
} as const;

class Refused extends Error {
  constructor(readonly limit: "project" | "instance") {
    super(limit);
  }
}

/**
 * Reserves for several run items at once (one statement per table); refused when they do not all
 * fit. `countSubmission`: batch mode counts a submission on each item in the same step.
 */
export async function reserveBudgetMany(
  projectId: string,
  runId: string,
  items: { itemId: number; usd: number }[],
  opts: { countSubmission?: boolean } = {},
): Promise<Reservation> {
  if (!items.length) return { ok: true };
  const total = items.reduce((s, i) => s + i.usd, 0);
  return reserveInTransaction(projectId, total, async (tx) => {
    await tx.query(
      sql`UPDATE "RunItem" r SET "reservedUsd" = r."reservedUsd" + x.u, attempts = r.attempts + ${opts.countSubmission ? 1 : 0}
            FROM (SELECT * FROM json_to_recordset(${JSON.stringify(items.map((i) => ({ i: i.itemId, u: i.usd })))}::json) AS j(i int, u numeric) ORDER BY i) x
            WHERE r."runId" = ${runId} AND r."itemId" = x.i`,
    );
  });
}

/** Reserves for one request of a job that has no run items (a synthesis job): the project and the instance only. */
export function reserveSpend(projectId: string, usd: number): Promise<Reservation> {
  return reserveInTransaction(projectId, usd, async () => {});
}

/** The project's and the instance's checks and reservations, then `more` in the same transaction. */
async function reserveInTransaction(projectId: string, total: number, more: (tx: SqlSession) => Promise<void>): Promise<Reservation> {
  await getInstanceSettings(); // the row the instance check updates exists
  const database = await getDatabase();
  try {
    await database.rawTransaction(async (tx) => {
      const project = await tx.query(
        sql`UPDATE "Project" SET "reservedUsd" = "reservedUsd" + ${total}
            WHERE id = ${projectId} AND ("budgetUsd" IS NULL OR "spentUsd" + "reservedUsd" + ${total} <= "budgetUsd") RETURNING 1`,
      );
      if (project.length !== 1) throw new Refused("project");
      const instance = await tx.query(
        sql`UPDATE "InstanceSettings" SET "reservedUsd" = "reservedUsd" + ${total}
            WHERE id = 1 AND ("monthlySpendLimitUsd" IS NULL
              OR coalesce((SELECT "spentUsd" FROM "MonthlySpend" WHERE month = ${currentMonth()}), 0) + "reservedUsd" + ${total} <= "monthlySpendLimitUsd")
            RETURNING 1`,
      );
      if (instance.length !== 1) throw new Refused("instance");
      await more(tx);
    });
    return { ok: true };
  } catch (err) {
    if (err instanceof Refused) return { ok: false, limit: err.limit };
    throw err;
  }
}

/** Reserves for one run item. */
export function reserveBudget(projectId: string, runId: string, itemId: number, usd: number): Promise<Reservation> {
  return reserveBudgetMany(projectId, runId, [{ itemId, usd }]);
}

/** Moves `held` out of the reservations and `spent` into the project's spend and this month's ledger. */
export async function settleMoney(tx: SqlSession, projectId: string, held: number, spent: number) {
  await tx.query(sql`UPDATE "Project" SET "spentUsd" = "spentUsd" + ${spent}, "reservedUsd" = GREATEST(0, "reservedUsd" - ${held}) WHERE id = ${projectId}`);
  if (held) await tx.query(sql`UPDATE "InstanceSettings" SET "reservedUsd" = GREATEST(0, "reservedUsd" - ${held}) WHERE id = 1`);
  if (spent) {
    await tx.query(
      sql`INSERT INTO "MonthlySpend" (month, "spentUsd") VALUES (${currentMonth()}, ${spent})
          ON CONFLICT (month) DO UPDATE SET "spentUsd" = "MonthlySpend"."spentUsd" + EXCLUDED."spentUsd"`,
    );
  }
}

/**
 * Releases whatever a run item still holds (its request failed, or its lease was taken over).
 * `charge`: part of it the API may have billed (a timed-out request): that part becomes spend.
 */
export async function releaseReservation(tx: SqlSession, projectId: string, runId: string, itemId: number, charge = 0) {
  const [item] = await tx.query<{ reservedUsd: string }>(sql`SELECT "reservedUsd" FROM "RunItem" WHERE "runId" = ${runId} AND "itemId" = ${itemId}`);
  const held = Number(item?.reservedUsd ?? 0);
  if (!held && !charge) return;
  await settleMoney(tx, projectId, held, charge);
  if (held) await tx.query(sql`UPDATE "RunItem" SET "reservedUsd" = "reservedUsd" - ${held} WHERE "runId" = ${runId} AND "itemId" = ${itemId}`);
}

/** Settles in a transaction of its own (a request outside a run's settlement: a proposal, a synthesis request). */
export async function settleMoneyNow(projectId: string, held: number, spent: number) {
  const database = await getDatabase();
  await database.rawTransaction((tx) => settleMoney(tx, projectId, held, spent));
}
