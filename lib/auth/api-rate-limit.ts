// Rate limits on /api/v1: a token bucket per person (their API tokens and sessions together) and one
// per client address, refilled at API_RATE_PER_MINUTE (per address: four times that, since several
// people may share one). One annotator's 870 KB predictions or a script in a loop can otherwise take
// the CPU every other request needs. Kept in this process's memory: a request costs no database
// write, and with several web processes each holds its own buckets (the limit is per process).
// Every answer says where the caller stands (RateLimit-Limit / -Remaining / -Reset, the IETF
// draft's names), and a refused one is a 429 with Retry-After.
import { env } from "@/lib/env";

type Bucket = { tokens: number; at: number };
const buckets = new Map<string, Bucket>();

export type RateDecision = { allowed: boolean; limit: number; remaining: number; resetSeconds: number; retryAfterSeconds: number };

/** Takes one request from `key`'s bucket of `perMinute`; refused when it is empty. */
export function takeToken(key: string, perMinute: number, now = Date.now()): RateDecision {
  const rate = perMinute / 60_000;
  const b = buckets.get(key) ?? { tokens: perMinute, at: now };
  b.tokens = Math.min(perMinute, b.tokens + (now - b.at) * rate);
  b.at = now;
  const allowed = b.tokens >= 1;
  if (allowed) b.tokens -= 1;
  buckets.set(key, b);
  if (buckets.size > 50_000) forgetIdle(now);
  return {
    allowed,
    limit: perMinute,
    remaining: Math.floor(b.tokens),
    resetSeconds: Math.ceil((perMinute - b.tokens) / rate / 1000),
    retryAfterSeconds: allowed ? 0 : Math.ceil((1 - b.tokens) / rate / 1000),
  };
}

/** Buckets full again are the same as no bucket: dropped when the map grows large. */
function forgetIdle(now: number) {
  for (const [key, b] of buckets) if (now - b.at > 5 * 60_000) buckets.delete(key);
}

/** One request from a client address (checked before the caller is known: bad tokens cost no lookups). */
export const limitAddress = (address: string) => takeToken(`ip:${address}`, env().apiRatePerMinute * 4);
/** One request from a person. */
export const limitPerson = (userId: string) => takeToken(`user:${userId}`, env().apiRatePerMinute);

/** Of two decisions, the one to answer with: a refusal, else the bucket nearer empty. */
export const tighter = (a: RateDecision, b: RateDecision) => (!a.allowed ? a : !b.allowed ? b : b.remaining / b.limit < a.remaining / a.limit ? b : a);

/** The RateLimit headers of an answer. */
export function rateLimitHeaders(d: RateDecision): Record<string, string> {
  return {
    "RateLimit-Limit": String(d.limit),
    "RateLimit-Remaining": String(Math.max(0, d.remaining)),
    "RateLimit-Reset": String(d.resetSeconds),
    ...(d.allowed ? {} : { "Retry-After": String(d.retryAfterSeconds) }),
  };
}

/** Test hook: start with full buckets. */
export function resetApiRateLimits() {
  buckets.clear();
}
