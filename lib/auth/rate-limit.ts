// Fixed-window counters kept in the database, so every app process shares them. A window starts
// with its first attempt and is not extended by later ones: a limit always ends.
import { getDb } from "@/lib/db";
import { sql } from "@/lib/db/sql";

export type Hit = { allowed: boolean; count: number; retryAfterSeconds: number };

/** Counts one attempt for `key`; not allowed once more than `max` were made in the current window. */
export async function hitRateLimit(key: string, max: number, windowSeconds: number): Promise<Hit> {
  const db = await getDb();
  // One statement: a new window starts when the old one has expired, otherwise the count goes up.
  const [row] = await db.$queryRaw<{ count: number; retryAfter: number }[]>(
    sql`INSERT INTO "RateLimit" ("key", "windowStart", "count") VALUES (${key}, now(), 1)
        ON CONFLICT ("key") DO UPDATE SET
          "count" = CASE WHEN "RateLimit"."windowStart" < now() - make_interval(secs => ${windowSeconds}) THEN 1 ELSE "RateLimit"."count" + 1 END,
          "windowStart" = CASE WHEN "RateLimit"."windowStart" < now() - make_interval(secs => ${windowSeconds}) THEN now() ELSE "RateLimit"."windowStart" END
        RETURNING "count", extract(epoch FROM ("windowStart" + make_interval(secs => ${windowSeconds}) - now()))::float8 AS "retryAfter"`,
  );
  const count = Number(row.count);
  return { allowed: count <= max, count, retryAfterSeconds: Math.max(1, Math.ceil(row.retryAfter)) };
}

/** Takes back one attempt (it succeeded: only failures count). */
export async function undoHit(key: string): Promise<void> {
  const db = await getDb();
  await db.$executeRaw(sql`UPDATE "RateLimit" SET "count" = GREATEST(0, "count" - 1) WHERE "key" = ${key}`);
}

export async function clearRateLimit(key: string): Promise<void> {
  const db = await getDb();
  await db.rateLimit.deleteMany({ where: { key } });
}
