import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { createFirstAdmin } from "@/lib/users/create-first-admin";

describe("first account", () => {
  it("makes exactly one admin even when two first visits race", async () => {
    const attempt = (n: number) =>
      createFirstAdmin({ name: `Admin ${n}`, email: `admin${n}@example.com`, password: "long enough password" }).then(
        () => "created",
        (e) => e.code,
      );
    const results = await Promise.all([attempt(1), attempt(2), attempt(3)]);
    expect(results.sort()).toEqual(["CONFLICT", "CONFLICT", "created"]);
    const db = await getDb();
    expect(await db.user.count({ where: { isAdmin: true } })).toBe(1);
  });

  it("validates fields with messages for the form", async () => {
    const err = await createFirstAdmin({ name: "", email: "nope", password: "short" }).catch((e) => e);
    expect(err.fieldErrors).toMatchObject({ name: "Enter your name", email: "Enter a valid email address", password: "Use at least 10 characters" });
  });
});
