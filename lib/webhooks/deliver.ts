// Delivering the outbox (WebhookDelivery rows the triggers wrote): the worker's webhook job claims a
// project's due deliveries one at a time, POSTs each one signed, and records the attempt. A 2xx
// answer delivers it; anything else (an error status, a timeout, a refused address) is retried
// on a fixed schedule with jitter (RETRY_SCHEDULE_SECONDS: about 27 hours), then the delivery is FAILED. Redirects are not
// followed (a receiver could otherwise send the server to an address the guard refused).
//
// Receivers are strangers, so nothing they do may hold the server: an attempt has one deadline for
// the whole exchange (connect, send, the answer's status line), the answer's body is never read
// (its status is all a delivery needs, so a receiver that drips bytes holds nothing), and a
// delivery is locked for longer than that deadline, so no other worker sends it again while the
// attempt is alive. The lead's log says "could not deliver" for anything without an HTTP status:
// which port refused or what the resolver said would make the log a scanner of the server's network.
import http from "node:http";
import https from "node:https";
import { getDatabase } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { env } from "@/lib/env";
import { BlockedAddressError, guardedLookup, urlProblem } from "@/lib/webhooks/address-guard";
import { isLegacySecret, LEGACY_SIGNATURE_HEADER, legacySignatureHeader, signedHeaders } from "@/lib/webhooks/sign";
import { log } from "@/lib/observability/log";

// The waits before retries 1..7, as Standard Webhooks' reference sender (Svix) spaces them: 5 s,
// 5 min, 30 min, 2 h, 5 h, 10 h, 10 h — a receiver down for a day still gets its events. Each wait
// is jittered by up to ±20% so that many deliveries failing together do not retry together.
export const RETRY_SCHEDULE_SECONDS = [5, 300, 1800, 7200, 18000, 36000, 36000] as const;
export const MAX_ATTEMPTS = RETRY_SCHEDULE_SECONDS.length + 1;
/** The whole attempt, from the first byte sent to the answer's status line. */
export const ATTEMPT_DEADLINE_MS = 10_000;
/** A claimed delivery stays locked this long: the attempt's deadline, with room to record it. */
const LOCK_SECONDS = ATTEMPT_DEADLINE_MS / 1000 + 50;

/** Seconds before the retry after failed attempt n (1-based), jittered; `random` in [0, 1). */
export const backoffSeconds = (attempt: number, random = Math.random()) => {
  const base = RETRY_SCHEDULE_SECONDS[Math.min(attempt, RETRY_SCHEDULE_SECONDS.length) - 1];
  return Math.round(base * (0.8 + 0.4 * random));
};

type Due = {
  id: string;
  event: string;
  payload: unknown;
  createdAt: Date;
  attemptCount: number;
  url: string;
  secret: string;
  previousSecret: string | null;
  projectId: string;
};
export type Attempt = { at: string; status: number | null; error: string | null; ms: number };

/** The request body a receiver gets: the event, its delivery id (for idempotent receivers) and its data. */
export function deliveryBody(d: { id: string; event: string; projectId: string; createdAt: Date; payload: unknown }): string {
  return JSON.stringify({ id: d.id, event: d.event, projectId: d.projectId, createdAt: d.createdAt.toISOString(), data: d.payload });
}

/**
 * POSTs the body; resolves with the status code as soon as the status line arrives (the body is
 * never read: the connection is closed), or rejects (network error, refused address, or no status
 * within `deadlineMs` of the start, however the receiver paces its bytes).
 */
export function post(url: string, body: string, headers: Record<string, string>, allowPrivate: boolean, deadlineMs = ATTEMPT_DEADLINE_MS): Promise<number> {
  const problem = urlProblem(url, allowPrivate);
  if (problem) return Promise.reject(new BlockedAddressError(problem));
  const u = new URL(url);
  const client = u.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      u,
      {
        method: "POST",
        headers: { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body), ...headers },
        lookup: guardedLookup(allowPrivate),
      },
      (res) => {
        clearTimeout(deadline);
        resolve(res.statusCode ?? 0);
        res.destroy();
      },
    );
    const deadline = setTimeout(() => req.destroy(new Error(`no answer within ${deadlineMs / 1000} s`)), deadlineMs);
    req.on("error", (err) => {
      clearTimeout(deadline);
      reject(err);
    });
    req.end(body);
  });
}

/** Standard Webhooks headers (the old secret signs too during a rotation), and the deprecated one for hooks that predate them. */
function attemptHeaders(d: Due, body: string): Record<string, string> {
  const secrets = [d.secret, ...(d.previousSecret ? [d.previousSecret] : [])];
  const legacy = secrets.find(isLegacySecret);
  return {
    ...signedHeaders(secrets, d.id, body),
    ...(legacy ? { [LEGACY_SIGNATURE_HEADER]: legacySignatureHeader(legacy, body) } : {}),
    "Goldset-Event": d.event,
    "User-Agent": "Goldset-Webhooks/1",
  };
}

/** The next due delivery of the project's active hooks, locked for one attempt (null when none is due). */
async function claimNext(projectId: string): Promise<Due | null> {
  const database = await getDatabase();
  const [d] = await database.query<Due>(sql`
    UPDATE "WebhookDelivery" d SET "lockedUntil" = now() + make_interval(secs => ${LOCK_SECONDS})
    FROM "Webhook" w
    WHERE d.id IN (SELECT x.id FROM "WebhookDelivery" x JOIN "Webhook" h ON h.id = x."webhookId" AND h.active
                   WHERE x."projectId" = ${projectId} AND x.status = 'PENDING' AND x."nextAttemptAt" <= now() AND (x."lockedUntil" IS NULL OR x."lockedUntil" < now())
                   ORDER BY x."createdAt" LIMIT 1 FOR UPDATE OF x SKIP LOCKED)
      AND w.id = d."webhookId"
    RETURNING d.id, d.event, d.payload, d."createdAt", d."attemptCount", d."projectId", w.url, w.secret,
      CASE WHEN w."previousSecretUntil" > now() THEN w."previousSecret" END AS "previousSecret"`);
  return d ?? null;
}

async function record(d: Due, attempt: Attempt) {
  const database = await getDatabase();
  const ok = attempt.status !== null && attempt.status >= 200 && attempt.status < 300;
  const n = d.attemptCount + 1;
  const status = ok ? "SUCCEEDED" : n >= MAX_ATTEMPTS ? "FAILED" : "PENDING";
  await database.query(sql`
    UPDATE "WebhookDelivery" SET status = ${status}, "attemptCount" = ${n}, attempts = attempts || ${JSON.stringify([attempt])}::jsonb,
      "lockedUntil" = NULL, "deliveredAt" = ${ok ? new Date() : null},
      "nextAttemptAt" = now() + make_interval(secs => ${ok ? 0 : backoffSeconds(n)})
    WHERE id = ${d.id}`);
}

/**
 * Sends a project's due deliveries, one at a time, until none is due or `signal` aborts (the job's
 * deadline); returns how many were attempted. A hook paused or deleted meanwhile gets no more.
 */
export async function deliverDue(projectId: string, signal?: AbortSignal): Promise<number> {
  const allowPrivate = env().webhooksAllowPrivate;
  let attempted = 0;
  while (!signal?.aborted) {
    const d = await claimNext(projectId);
    if (!d) break;
    const body = deliveryBody(d);
    const started = Date.now();
    let attempt: Attempt;
    try {
      const status = await post(d.url, body, attemptHeaders(d, body), allowPrivate);
      attempt = { at: new Date(started).toISOString(), status, error: status >= 200 && status < 300 ? null : `HTTP ${status}`, ms: Date.now() - started };
    } catch (err) {
      log.info(`[webhooks] delivery ${d.id} failed: ${(err as Error).message}`);
      attempt = { at: new Date(started).toISOString(), status: null, error: "could not deliver", ms: Date.now() - started };
    }
    await record(d, attempt);
    attempted++;
  }
  return attempted;
}

/** Projects with deliveries due now (a paused hook's wait until it is resumed): the worker's poll sends one job for each. */
export async function projectsWithDueDeliveries(): Promise<string[]> {
  const database = await getDatabase();
  const rows = await database.query<{ projectId: string }>(sql`
    SELECT DISTINCT d."projectId" FROM "WebhookDelivery" d JOIN "Webhook" w ON w.id = d."webhookId" AND w.active
    WHERE d.status = 'PENDING' AND d."nextAttemptAt" <= now() AND (d."lockedUntil" IS NULL OR d."lockedUntil" < now()) LIMIT 100`);
  return rows.map((r) => r.projectId);
}
