// Idempotency-Key on POST (the API boundary, lib/auth/route.ts): the first request with a key
// claims it (a unique row per user and key), runs, and its answer is kept; a retry with the same
// key and the same request gets that answer again (Idempotent-Replayed: true) instead of creating
// a second thing. The same key with another request is refused (400); one still being answered,
// 409. For a file upload the key covers the path and query (the file name), not the file's bytes. An answer the server failed to give (500) or a thrown error frees the key for a retry.
// Keys are kept a day (the worker's sweep drops older ones).
import crypto from "node:crypto";
import { getDatabase } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { AppError } from "@/lib/errors";

export const IDEMPOTENCY_HEADER = "idempotency-key";
const KEY = /^[\x21-\x7e]{1,255}$/;

type Stored = { id: string; method: string; path: string; requestHash: string; status: number | null; contentType: string | null; body: string | null };

export async function idempotent(req: Request, userId: string, body: unknown, run: () => Promise<Response>): Promise<Response> {
  const key = req.headers.get(IDEMPOTENCY_HEADER);
  if (req.method !== "POST" || key === null) return run();
  if (!KEY.test(key)) throw new AppError("VALIDATION", "An Idempotency-Key is 1 to 255 visible ASCII characters.", { "Idempotency-Key": "Not a valid key" });
  const { pathname } = new URL(req.url);
  const requestHash = crypto.createHash("sha256").update(JSON.stringify(body ?? null)).digest("hex");
  const db = await getDatabase();
  const [claimed] = await db.query<{ id: string }>(
    sql`INSERT INTO "IdempotencyKey" (id, "userId", key, method, path, "requestHash") VALUES (${crypto.randomUUID()}, ${userId}, ${key}, ${req.method}, ${pathname}, ${requestHash})
        ON CONFLICT ("userId", key) DO NOTHING RETURNING id`,
  );
  if (!claimed) return replay(await stored(userId, key), req.method, pathname, requestHash);
  let res: Response;
  try {
    res = await run();
  } catch (err) {
    await db.query(sql`DELETE FROM "IdempotencyKey" WHERE id = ${claimed.id}`);
    throw err;
  }
  if (res.status >= 500) {
    await db.query(sql`DELETE FROM "IdempotencyKey" WHERE id = ${claimed.id}`);
    return res;
  }
  const text = await res.clone().text();
  await db.query(sql`UPDATE "IdempotencyKey" SET status = ${res.status}, "contentType" = ${res.headers.get("content-type")}, body = ${text} WHERE id = ${claimed.id}`);
  return res;
}

async function stored(userId: string, key: string): Promise<Stored> {
  const db = await getDatabase();
  const [row] = await db.query<Stored>(
    sql`SELECT id, method, path, "requestHash", status, "contentType", body FROM "IdempotencyKey" WHERE "userId" = ${userId} AND key = ${key}`,
  );
  // Freed between the insert and this read (the first request failed): the client may simply retry.
  if (!row) throw new AppError("CONFLICT", "A request with this Idempotency-Key just failed; send it again.");
  return row;
}

function replay(row: Stored, method: string, path: string, requestHash: string): Response {
  if (row.method !== method || row.path !== path || row.requestHash !== requestHash) {
    throw new AppError("VALIDATION", "This Idempotency-Key was used for a different request. Use a new key for a new request.", { "Idempotency-Key": "Used for another request" });
  }
  if (row.status === null) throw new AppError("CONFLICT", "A request with this Idempotency-Key is still being answered. Retry in a moment.");
  return new Response(row.body, { status: row.status, headers: { "content-type": row.contentType ?? "application/json", "idempotent-replayed": "true" } });
}

/** The worker's sweep: keys older than a day are forgotten. */
export async function dropOldIdempotencyKeys(): Promise<void> {
  const db = await getDatabase();
  await db.query(sql`DELETE FROM "IdempotencyKey" WHERE "createdAt" < now() - interval '1 day'`);
}
