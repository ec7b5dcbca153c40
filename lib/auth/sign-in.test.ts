import { afterEach, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { authenticate } from "@/lib/auth/sign-in";
import { clientAddress } from "@/lib/auth/client-address";
import { PEER_HEADER } from "@/lib/request-headers";
import { createTestUser, TEST_PASSWORD } from "@/lib/testing/factories";

process.env.SIGNIN_MAX_ATTEMPTS_PER_EMAIL = "3";
process.env.SIGNIN_MAX_ATTEMPTS_PER_IP = "5";
resetEnvForTests();

afterEach(() => {
  delete process.env.TRUSTED_PROXY_HOPS;
  resetEnvForTests();
});

const login = (email: string, password: string, address: string) => authenticate({ email, password }, address);

describe("sign-in", () => {
  it("accepts the right password and rejects a wrong one", async () => {
    const user = await createTestUser();
    expect(await login(user.email, TEST_PASSWORD, "10.0.0.1")).toMatchObject({ id: user.id });
    expect(await login(user.email, "wrong", "10.0.0.1")).toBeNull();
    expect(await login("nobody@example.com", "wrong", "10.0.0.1")).toBeNull();
  });

  it("limits failures per account and address, and the right password from another address still works", async () => {
    const user = await createTestUser();
    for (let i = 0; i < 3; i++) expect(await login(user.email, "wrong", "203.0.113.7")).toBeNull();
    const refused = await login(user.email, TEST_PASSWORD, "203.0.113.7").catch((e) => e);
    expect(refused).toMatchObject({ code: "RATE_LIMITED", status: 429 });
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    // The owner, elsewhere, is not locked out by someone else's guessing.
    expect(await login(user.email, TEST_PASSWORD, "198.51.100.2")).toMatchObject({ id: user.id });
  });

  it("counts failures only: signing in again and again is never limited", async () => {
    const user = await createTestUser();
    for (let i = 0; i < 8; i++) expect(await login(user.email, TEST_PASSWORD, "10.9.0.1")).toMatchObject({ id: user.id });
  });

  it("limits one address guessing across many accounts", async () => {
    for (let i = 0; i < 5; i++) expect(await login(`guess${i}@example.com`, "x", "10.2.0.1")).toBeNull();
    await expect(login("guess9@example.com", "x", "10.2.0.1")).rejects.toMatchObject({ code: "RATE_LIMITED" });
  });

  it("takes the client address from the socket, not from an X-Forwarded-For anyone can send", () => {
    const headers = (xff: string) => new Headers({ [PEER_HEADER]: "192.0.2.10", "x-forwarded-for": xff });
    const seen = new Set(Array.from({ length: 60 }, (_, i) => clientAddress(headers(`10.0.${i}.1`))));
    expect([...seen]).toEqual(["192.0.2.10"]);
    // Behind one trusted proxy, the client is the last address that proxy appended.
    process.env.TRUSTED_PROXY_HOPS = "1";
    resetEnvForTests();
    expect(clientAddress(new Headers({ [PEER_HEADER]: "10.1.1.1", "x-forwarded-for": "6.6.6.6, 203.0.113.9" }))).toBe("203.0.113.9");
  });
});
