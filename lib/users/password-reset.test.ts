import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { verifyPassword } from "@/lib/auth/passwords";
import { completePasswordReset, createPasswordReset, viewPasswordReset } from "@/lib/users/password-reset";
import { callerOf, createTestUser } from "@/lib/testing/factories";

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
