// Personal API tokens for /api/v1. The token is shown once; only its sha256 is stored, so a leaked
// database does not leak usable tokens. A token acts as its user: the same project checks apply.
import crypto from "node:crypto";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { AppError, fieldErrorsFrom } from "@/lib/errors";

export const TOKEN_PREFIX = "gs_";
const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

const nameSchema = z.object({ name: z.string().trim().min(1, "Give the token a name").max(80, "At most 80 characters") });

/** Creates a token; the returned `token` is the only time it is visible. */
export async function createApiToken(userId: string, input: unknown) {
  const parsed = nameSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "Check the token's name.", fieldErrorsFrom(parsed.error.issues));
  const token = TOKEN_PREFIX + crypto.randomBytes(32).toString("base64url");
  const db = await getDb();
  const row = await db.apiToken.create({ data: { userId, name: parsed.data.name, tokenHash: hashToken(token), prefix: token.slice(0, 10) } });
  return { id: row.id, name: row.name, prefix: row.prefix, token };
}

export async function listApiTokens(userId: string) {
  const db = await getDb();
  return db.apiToken.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
  });
}

export async function revokeApiToken(userId: string, tokenId: string) {
  const db = await getDb();
  const res = await db.apiToken.updateMany({ where: { id: tokenId, userId, revokedAt: null }, data: { revokedAt: new Date() } });
  if (!res.count) throw new AppError("NOT_FOUND", "Token not found.");
}

/** The user a bearer token belongs to, or null for an unknown or revoked token. */
export async function userForApiToken(token: string) {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const db = await getDb();
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, revokedAt: true, lastUsedAt: true, user: { select: { id: true, email: true, name: true, isAdmin: true } } },
  });
  if (!row || row.revokedAt) return null;
  // "Last used" to the minute is enough, and spares a write per request.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return row.user;
}
