// Personal API tokens for /api/v1. The token is shown once; only its sha256 is stored, so a leaked
// database does not leak usable tokens. A token acts as its user within its scopes (read: GET
// routes; review: claim and decide; lead: lead-only changes such as imports, runs and exports),
// never beyond the user's own role in a project, and stops at its expiry or when revoked. Tokens
// are made on the Account page with a signed-in session: a token cannot mint another.
import crypto from "node:crypto";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { AppError, fieldErrorsFrom } from "@/lib/errors";
import { makeCaller, TOKEN_SCOPES, type Caller, type TokenScope } from "@/lib/auth/access";

export const TOKEN_PREFIX = "gs_";
const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

export const apiTokenInputSchema = z.object({
  name: z.string().trim().min(1, "Give the token a name").max(80, "At most 80 characters"),
  scopes: z.array(z.enum(TOKEN_SCOPES)).min(1, "Choose at least one scope").max(TOKEN_SCOPES.length),
  // Days until it stops working; empty: never.
  expiresInDays: z.number().int().min(1, "At least 1 day").max(3650, "At most 10 years").nullable(),
});
export type ApiTokenInput = z.infer<typeof apiTokenInputSchema>;

/** Creates a token; the returned `token` is the only time it is visible. */
export async function createApiToken(caller: Caller, input: ApiTokenInput) {
  const parsed = apiTokenInputSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "Check the token's settings.", fieldErrorsFrom(parsed.error.issues));
  if (caller.tokenScopes) throw new AppError("FORBIDDEN", "A token cannot create tokens. Sign in to make one.");
  const token = TOKEN_PREFIX + crypto.randomBytes(32).toString("base64url");
  const { name, scopes, expiresInDays } = parsed.data;
  const db = await getDb();
  const row = await db.apiToken.create({
    data: {
      userId: caller.userId,
      name,
      scopes: [...new Set(scopes)],
      expiresAt: expiresInDays ? new Date(Date.now() + expiresInDays * 86_400_000) : null,
      tokenHash: hashToken(token),
      prefix: token.slice(0, 10),
    },
  });
  return { id: row.id, name: row.name, prefix: row.prefix, scopes: row.scopes, expiresAt: row.expiresAt, token };
}

export async function listApiTokens(caller: Caller) {
  const db = await getDb();
  return db.apiToken.findMany({
    where: { userId: caller.userId },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, scopes: true, createdAt: true, expiresAt: true, lastUsedAt: true, revokedAt: true },
  });
}

export async function revokeApiToken(caller: Caller, tokenId: string) {
  const db = await getDb();
  const res = await db.apiToken.updateMany({ where: { id: tokenId, userId: caller.userId, revokedAt: null }, data: { revokedAt: new Date() } });
  if (!res.count) throw new AppError("NOT_FOUND", "Token not found.");
}

/** The caller a bearer token stands for, or null for an unknown, revoked or expired token. */
export async function callerForApiToken(token: string): Promise<Caller | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const db = await getDb();
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      scopes: true,
      revokedAt: true,
      expiresAt: true,
      lastUsedAt: true,
      user: { select: { id: true, email: true, name: true, isAdmin: true } },
    },
  });
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= new Date())) return null;
  // "Last used" to the minute is enough, and spares a write per request.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  const scopes = row.scopes.filter((s): s is TokenScope => (TOKEN_SCOPES as readonly string[]).includes(s));
  return makeCaller(row.user, scopes);
}
