// Instance-wide settings (one row): who may create projects, the monthly spend limit across all
// projects, and the budget new projects start with. The row is created from the environment's
// defaults the first time it is read; admins change it on the Admin page.
import type { z } from "zod";
import { getDb } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Caller } from "@/lib/auth/access";
import { instanceSettingsSchema, type InstanceSettings } from "@/lib/instance/schemas";

// Once the row exists it stays: each process inserts it at most once.
let rowExists = false;

/** The settings row, created from the environment's defaults on first use. */
export async function getInstanceSettings(): Promise<InstanceSettings> {
  const db = await getDb();
  if (!rowExists) {
    const { monthlySpendLimitUsd, defaultProjectBudgetUsd } = env().money;
    await db.$executeRaw(
      sql`INSERT INTO "InstanceSettings" (id, "monthlySpendLimitUsd", "defaultProjectBudgetUsd", "updatedAt")
          VALUES (1, ${monthlySpendLimitUsd}, ${defaultProjectBudgetUsd}, now()) ON CONFLICT (id) DO NOTHING`,
    );
    rowExists = true;
  }
  const row = await db.instanceSettings.findUniqueOrThrow({ where: { id: 1 } });
  return {
    projectCreators: row.projectCreators,
    monthlySpendLimitUsd: row.monthlySpendLimitUsd === null ? null : Number(row.monthlySpendLimitUsd),
    defaultProjectBudgetUsd: row.defaultProjectBudgetUsd === null ? null : Number(row.defaultProjectBudgetUsd),
  };
}

export async function updateInstanceSettings(caller: Caller, input: z.infer<typeof instanceSettingsSchema>) {
  if (!caller.isAdmin) throw new AppError("FORBIDDEN", "Only instance admins can change these settings.");
  await getInstanceSettings();
  const db = await getDb();
  await db.instanceSettings.update({ where: { id: 1 }, data: { ...input, updatedById: caller.userId } });
}

/** Whether this person may create a project (and so become its lead, and spend on it). */
export async function mayCreateProjects(caller: Caller): Promise<boolean> {
  if (caller.isAdmin) return true;
  const { projectCreators } = await getInstanceSettings();
  if (projectCreators === "EVERYONE") return true;
  if (projectCreators === "ADMINS") return false;
  const db = await getDb();
  return (await db.membership.findFirst({ where: { userId: caller.userId, role: "LEAD" }, select: { projectId: true } })) !== null;
}

/** This calendar month (UTC) as the ledger's key, "2026-11". */
export function currentMonth(now = new Date()): string {
  return now.toISOString().slice(0, 7);
}

/** The month's spend across projects, what requests out now may still cost, and the limit. */
export async function monthlySpend() {
  const db = await getDb();
  const settings = await getInstanceSettings();
  const [row] = await db.$queryRaw<{ spent: number; reserved: number }[]>(
    sql`SELECT coalesce((SELECT "spentUsd" FROM "MonthlySpend" WHERE month = ${currentMonth()}), 0)::float8 AS spent,
               (SELECT "reservedUsd" FROM "InstanceSettings" WHERE id = 1)::float8 AS reserved`,
  );
  return { month: currentMonth(), spentUsd: row.spent, reservedUsd: row.reserved, limitUsd: settings.monthlySpendLimitUsd };
}
