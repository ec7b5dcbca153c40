// Idempotency-Key on POST (the API boundary, lib/auth/route.ts): the first request with a key
// claims it (a unique row per user and key), runs, and its answer is kept; a retry with the same
// key and the same request gets that answer again, with its headers (Idempotent-Replayed: true),
// instead of creating a second thing. A key is bound to a fingerprint of the request: method, path,
// query and body, and for a file upload the file's sha256 (spoolForFingerprint reads the upload to
// disk first, so another file under the same key is refused before anything is imported). The
// same key with another request is refused (422, as the IETF Idempotency-Key draft says); one
// still being answered, 409. An answer the server failed to give (500) or a thrown error frees the
// key for a retry. Keys are kept a day (the worker's sweep drops older ones).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { env } from "@/lib/env";
import { getDatabase } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { AppError } from "@/lib/errors";

export const IDEMPOTENCY_HEADER = "idempotency-key";
const KEY = /^[\x21-\x7e]{1,255}$/;

type Stored = {
  id: string;
  method: string;
  path: string;
  requestHash: string;
  status: number | null;
  contentType: string | null;
  body: string | null;
  headers: Record<string, string> | null;
};

/** Headers a replay must not repeat: they describe this response's transport or this moment's rate budget. */
const NOT_REPLAYED = new Set(["content-length", "content-type", "set-cookie", "date", "connection", "transfer-encoding", "retry-after"]);
const keptHeaders = (res: Response) => Object.fromEntries([...res.headers].filter(([name]) => !NOT_REPLAYED.has(name) && !name.startsWith("ratelimit")));

/** Whether this request carries a key that idempotent() will hold it to. */
export const wantsIdempotency = (req: Request) => req.method === "POST" && req.headers.has(IDEMPOTENCY_HEADER);

/**
 * An upload under an Idempotency-Key: its bytes are streamed to a temporary file (never held in
 * memory, at most maxBytes) while they are hashed, so the key's fingerprint covers the file. The
 * handler then reads the same bytes from `req`. `dispose` removes the file.
 */
export async function spoolForFingerprint(req: Request, maxBytes: number): Promise<{ req: Request; sha256: string; dispose: () => void }> {
  const dir = path.join(env().dataDir, "tmp");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `idempotent-${crypto.randomUUID()}.upload`);
  const hash = crypto.createHash("sha256");
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      bytes += chunk.length;
      if (bytes > maxBytes) return cb(new AppError("PAYLOAD_TOO_LARGE", `The body is larger than the limit of ${maxBytes} bytes.`));
      hash.update(chunk);
      cb(null, chunk);
    },
  });
  const dispose = () => fs.rmSync(file, { force: true });
  try {
    const source = req.body ? Readable.fromWeb(req.body as import("node:stream/web").ReadableStream<Uint8Array>) : Readable.from([]);
    await pipeline(source, meter, fs.createWriteStream(file));
  } catch (err) {
    dispose();
    throw err;
  }
  const headers = new Headers(req.headers);
  headers.set("content-length", String(bytes));
  headers.delete("transfer-encoding");
  const body = Readable.toWeb(fs.createReadStream(file)) as ReadableStream<Uint8Array>;
  return { req: new Request(req.url, { method: req.method, headers, body, duplex: "half" } as RequestInit), sha256: hash.digest("hex"), dispose };
}

export async function idempotent(req: Request, userId: string, body: unknown, run: () => Promise<Response>): Promise<Response> {
  const key = req.headers.get(IDEMPOTENCY_HEADER);
  if (!wantsIdempotency(req) || key === null) return run();
  if (!KEY.test(key)) throw new AppError("VALIDATION", "An Idempotency-Key is 1 to 255 visible ASCII characters.", { "Idempotency-Key": "Not a valid key" });
  const { pathname } = new URL(req.url);
  // `body` is what the boundary parsed (params, query, JSON body, an upload's sha256): the fingerprint.
  const requestHash = crypto
    .createHash("sha256")
    .update(JSON.stringify(body ?? null))
    .digest("hex");
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
  await db.query(
    sql`UPDATE "IdempotencyKey" SET status = ${res.status}, "contentType" = ${res.headers.get("content-type")}, body = ${text}, headers = ${JSON.stringify(keptHeaders(res))}::jsonb WHERE id = ${claimed.id}`,
  );
  return res;
}

async function stored(userId: string, key: string): Promise<Stored> {
  const db = await getDatabase();
  const [row] = await db.query<Stored>(
    sql`SELECT id, method, path, "requestHash", status, "contentType", body, headers FROM "IdempotencyKey" WHERE "userId" = ${userId} AND key = ${key}`,
  );
  // Freed between the insert and this read (the first request failed): the client may simply retry.
  if (!row) throw new AppError("CONFLICT", "A request with this Idempotency-Key just failed; send it again.");
  return row;
}

function replay(row: Stored, method: string, path: string, requestHash: string): Response {
  if (row.method !== method || row.path !== path || row.requestHash !== requestHash) {
    const what = row.method !== method || row.path !== path ? `${row.method} ${row.path}` : "another body or file";
    throw new AppError("UNPROCESSABLE", `This Idempotency-Key was used for a different request (${what}). Nothing was done; use a new key for a new request.`, {
      "Idempotency-Key": "Used for another request",
    });
  }
  if (row.status === null) throw new AppError("CONFLICT", "A request with this Idempotency-Key is still being answered. Retry in a moment.");
  return new Response(row.body, {
    status: row.status,
    headers: { ...(row.headers ?? {}), "content-type": row.contentType ?? "application/json", "idempotent-replayed": "true" },
  });
}

/** The worker's sweep: keys older than a day are forgotten. */
export async function dropOldIdempotencyKeys(): Promise<void> {
  const db = await getDatabase();
  await db.query(sql`DELETE FROM "IdempotencyKey" WHERE "createdAt" < now() - interval '1 day'`);
}
