// Signing deliveries, as Stripe and GitHub do: the header `Goldset-Signature: t=<unix seconds>,v1=<hex>`
// where hex is HMAC-SHA256(secret, "<t>.<raw body>"). A receiver recomputes it over the raw body
// with its secret, compares in constant time and refuses old timestamps (replays). docs/webhooks.md
// has the receiver's side; verifySignature below is the same check, and is what the tests use.
import crypto from "node:crypto";

export const SIGNATURE_HEADER = "Goldset-Signature";
/** How old a signed timestamp a receiver should accept. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export function newWebhookSecret(): string {
  return `whsec_${crypto.randomBytes(24).toString("base64url")}`;
}

const mac = (secret: string, timestamp: number, body: string) => crypto.createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");

export function signatureHeader(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): string {
  return `t=${timestamp},v1=${mac(secret, timestamp, body)}`;
}

/** Whether `header` signs `body` with `secret`, at a timestamp within the tolerance of `now`. */
export function verifySignature(secret: string, header: string | null, body: string, now = Math.floor(Date.now() / 1000)): boolean {
  if (!header) return false;
  const parts = new Map(header.split(",").map((p) => p.split("=", 2) as [string, string]));
  const timestamp = Number(parts.get("t"));
  const given = parts.get("v1") ?? "";
  if (!Number.isInteger(timestamp) || Math.abs(now - timestamp) > SIGNATURE_TOLERANCE_SECONDS) return false;
  const expected = mac(secret, timestamp, body);
  return given.length === expected.length && crypto.timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}
