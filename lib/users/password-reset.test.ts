import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { verifyPassword } from "@/lib/auth/passwords";
import { completePasswordReset, createPasswordReset, viewPasswordReset } from "@/lib/users/password-reset";
import { callerOf, createTestUser } from "@/lib/testing/factories";
import { createApiToken } from "@/lib/auth/api-tokens";
import { callerFromRequest } from "@/lib/auth/session";
import { revokeSession } from "@/lib/auth/start-session";
import { changePassword } from "@/lib/users/change-password";
import { sessionCookie } from "@/lib/testing/requests";

const NEW = { password: "a-new-password-42", confirm: "a-new-password-42" };

describe("password reset by an admin", () => {
  it("gives a one-time link that sets the password and ends the person's sessions", async () => {
    const admin = await createTestUser({ isAdmin: true });
    const member = await createTestUser();
    const { token } = await createPasswordReset(callerOf(admin), member.id);
    expect(await viewPasswordReset(token)).toEqual({ state: "valid", email: member.email });
    const db = await getDb();
    const before = await db.user.findUniqueOrThrow({ where: { id: member.id } });
    const after = await completePasswordReset(token, NEW);
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    const stored = await db.user.findUniqueOrThrow({ where: { id: member.id } });
    expect(await verifyPassword(NEW.password, stored.passwordHash)).toBe(true);
    // Only the hash is stored; the link works once.
    expect(await db.passwordReset.count({ where: { tokenHash: token } })).toBe(0);
    expect(await viewPasswordReset(token)).toEqual({ state: "used" });
    await expect(completePasswordReset(token, NEW)).rejects.toThrow("already used or has expired");
  });

  it("is for admins only, and a newer link replaces the older one", async () => {
    const admin = await createTestUser({ isAdmin: true });
    const member = await createTestUser();
    await expect(createPasswordReset(callerOf(member), admin.id)).rejects.toThrow("Only admins");
    const first = await createPasswordReset(callerOf(admin), member.id);
    const second = await createPasswordReset(callerOf(admin), member.id);
    expect((await viewPasswordReset(first.token)).state).toBe("expired");
    expect((await viewPasswordReset(second.token)).state).toBe("valid");
  });

  it("checks the new password and refuses malformed links", async () => {
    const admin = await createTestUser({ isAdmin: true });
    const member = await createTestUser();
    const { token } = await createPasswordReset(callerOf(admin), member.id);
    await expect(completePasswordReset(token, { password: "short", confirm: "short" })).rejects.toThrow("Check the highlighted fields");
    await expect(completePasswordReset(token, { password: "long-enough-1", confirm: "long-enough-2" })).rejects.toThrow("Check the highlighted fields");
    expect((await viewPasswordReset("../../etc")).state).toBe("invalid");
    expect((await viewPasswordReset(token)).state).toBe("valid");
  });
});

describe("credentials end together", () => {
  const bearer = (token: string) => new Request("http://localhost/api/v1/projects", { headers: { authorization: `Bearer ${token}` } });
  const withCookie = (cookie: string) => new Request("http://localhost/api/v1/projects", { headers: { cookie } });

  it("a reset revokes the person's API tokens as well as their sessions", async () => {
    const admin = await createTestUser({ isAdmin: true });
    const member = await createTestUser();
    const { token: apiToken } = await createApiToken(callerOf(member), { name: "script", scopes: ["read"], expiresInDays: null });
    expect((await callerFromRequest(bearer(apiToken))).caller.userId).toBe(member.id);
    const { token } = await createPasswordReset(callerOf(admin), member.id);
    await completePasswordReset(token, NEW);
    await expect(callerFromRequest(bearer(apiToken))).rejects.toThrow(/revoked/);
  });

  it("changing one's password revokes one's API tokens and ends the other sessions", async () => {
    const member = await createTestUser({ password: "the-old-password-1" });
    const { token: apiToken } = await createApiToken(callerOf(member), { name: "script", scopes: ["read"], expiresInDays: null });
    const oldCookie = await sessionCookie(member);
    const changed = await changePassword(callerOf(member), { current: "the-old-password-1", password: NEW.password, confirm: NEW.confirm });
    expect(changed.tokensRevoked).toBe(1);
    await expect(callerFromRequest(bearer(apiToken))).rejects.toThrow(/revoked/);
    await expect(callerFromRequest(withCookie(oldCookie))).rejects.toThrow(/Sign in first/);
  });

  it("signing out ends the session on the server: a copy of the cookie no longer works", async () => {
    const member = await createTestUser();
    const cookie = await sessionCookie(member);
    expect((await callerFromRequest(withCookie(cookie))).caller.userId).toBe(member.id);
    await revokeSession(cookie.split("=").slice(1).join("="));
    await expect(callerFromRequest(withCookie(cookie))).rejects.toThrow(/Sign in first/);
  });
});
