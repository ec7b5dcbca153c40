import { describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { authenticate } from "@/lib/auth/sign-in";
import { createTestUser, TEST_PASSWORD } from "@/lib/testing/factories";

process.env.SIGNIN_MAX_ATTEMPTS_PER_EMAIL = "3";
process.env.SIGNIN_MAX_ATTEMPTS_PER_IP = "5";
resetEnvForTests();

describe("sign-in", () => {
  it("accepts the right password and rejects a wrong one", async () => {
    const user = await createTestUser();
    expect(await authenticate({ email: user.email.toUpperCase(), password: TEST_PASSWORD }, "10.0.0.1")).toMatchObject({ id: user.id });
    expect(await authenticate({ email: user.email, password: "wrong" }, "10.0.0.1")).toBeNull();
    expect(await authenticate({ email: "nobody@example.com", password: "wrong" }, "10.0.0.1")).toBeNull();
  });

  it("is rate-limited per email, even with the right password", async () => {
    const user = await createTestUser();
    for (let i = 0; i < 3; i++) expect(await authenticate({ email: user.email, password: "wrong" }, `10.1.0.${i}`)).toBeNull();
    await expect(authenticate({ email: user.email, password: TEST_PASSWORD }, "10.1.0.9")).rejects.toMatchObject({ code: "RATE_LIMITED" });
  });

  it("is rate-limited per IP across emails", async () => {
    for (let i = 0; i < 5; i++) expect(await authenticate({ email: `guess${i}@example.com`, password: "x" }, "10.2.0.1")).toBeNull();
    await expect(authenticate({ email: "guess9@example.com", password: "x" }, "10.2.0.1")).rejects.toMatchObject({ code: "RATE_LIMITED" });
  });
});
