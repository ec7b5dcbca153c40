// Fixed-window counters kept in the database, so every app process shares them.
import { getDb } from "@/lib/db";

/** Counts one attempt for `key`; returns false once `max` attempts were made in the current window. */
export async function hitRateLimit(key: string, max: number, windowSeconds: number): Promise<boolean> {
  const db = await getDb();
  // One statement: a new window starts when the old one has expired, otherwise the count goes up.
  const rows = await db.$queryRawUnsafe<{ count: number }[]>(
    `INSERT INTO "RateLimit" ("key", "windowStart", "count") VALUES ($1, now(), 1)
     ON CONFLICT ("key") DO UPDATE SET
       "count" = CASE WHEN "RateLimit"."windowStart" < now() - make_interval(secs => $2) THEN 1 ELSE "RateLimit"."count" + 1 END,
       "windowStart" = CASE WHEN "RateLimit"."windowStart" < now() - make_interval(secs => $2) THEN now() ELSE "RateLimit"."windowStart" END
     RETURNING "count"`,
    key,
    windowSeconds,
  );
  return Number(rows[0].count) <= max;
}

export async function clearRateLimit(key: string): Promise<void> {
  const db = await getDb();
  await db.rateLimit.deleteMany({ where: { key } });
}
