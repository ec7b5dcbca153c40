// Signing deliveries by the Standard Webhooks specification (standardwebhooks.com), so receivers can
// verify them with the official libraries (`standardwebhooks`, `svix`) instead of code of their own:
//
//   webhook-id:        the delivery's id (the same on every retry: receivers de-duplicate by it)
//   webhook-timestamp: unix seconds of this attempt
//   webhook-signature: "v1,<base64 HMAC-SHA256(key, id.timestamp.body)>", space-separated when
//                      several secrets sign (during a rotation, the new and the old)
//
// A secret is "whsec_" + the base64 of its key's bytes; the HMAC key is those bytes. Hooks made
// before this scheme have a base64url secret: the same bytes are read from it, so their receivers
// keep their secret. Their old header, `Goldset-Signature: t=..,v1=<hex>` (HMAC keyed by the secret
// string), is still sent for them, deprecated (docs/webhooks.md).
import crypto from "node:crypto";

export const LEGACY_SIGNATURE_HEADER = "Goldset-Signature";
/** How old a signed timestamp a receiver should accept (the specification's suggestion). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;
/** How long the old secret still signs after a rotation. */
export const ROTATION_OVERLAP_HOURS = 24;

const PREFIX = "whsec_";

export function newWebhookSecret(): string {
  return `${PREFIX}${crypto.randomBytes(32).toString("base64")}`;
}

/** The key's bytes: base64 after the prefix (base64url, from before the scheme, reads the same). */
export function secretKey(secret: string): Buffer {
  const encoded = secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret;
  return Buffer.from(encoded.replace(/-/g, "+").replace(/_/g, "/"), "base64");
}

/** One "v1,<base64>" signature of a delivery. */
export function sign(secret: string, id: string, timestamp: number, body: string): string {
  return `v1,${crypto.createHmac("sha256", secretKey(secret)).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

/** The headers of one attempt: every secret still valid signs it, the newest first. */
export function signedHeaders(secrets: string[], id: string, body: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  return {
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": secrets.map((s) => sign(s, id, timestamp, body)).join(" "),
  };
}

/** Hooks made before Standard Webhooks (a base64url secret): their receivers may still check this one. */
export const isLegacySecret = (secret: string) => secret.length - PREFIX.length === 32; // base64url of 24 bytes; new ones are base64 of 32 (44 characters)

export function legacySignatureHeader(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): string {
  return `t=${timestamp},v1=${crypto.createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}
