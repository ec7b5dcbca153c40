import { afterEach, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { authenticate, deviceProof, isKnownDevice, slowDownMs } from "@/lib/auth/sign-in";
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

  it("slows guesses at one account spread over many addresses more the more there are, then refuses them before hashing, but not the owner on a known device", async () => {
    // Per-address limit 3 here: the wait doubles every ten failures past it, at most 8 s.
    expect([slowDownMs(3, 3), slowDownMs(4, 3), slowDownMs(13, 3), slowDownMs(23, 3), slowDownMs(200, 3)]).toEqual([0, 268, 500, 1000, 8000]);
    const user = await createTestUser();
    // 15 wrong guesses (5 x 3) from 15 addresses: each address stays under its own limit.
    for (let i = 0; i < 15; i++) expect(await login(user.email, "wrong", `198.51.100.${i + 1}`)).toBeNull();
    const t0 = Date.now();
    const refused = await login(user.email, TEST_PASSWORD, "198.51.100.99").catch((e) => e);
    expect(refused).toMatchObject({
      code: "RATE_LIMITED",
      message: expect.stringMatching(/This account has had too many failed sign-ins.*a device you have used before/),
    });
    expect(Date.now() - t0).toBeLessThan(500); // refused before any password hashing
    // The owner's browser, which signed in before, still gets in (after the wait).
    const known = await authenticate({ email: user.email, password: TEST_PASSWORD }, "198.51.100.100", isKnownDevice(deviceProof(user.email), user.email));
    expect(known).toMatchObject({ id: user.id });
    expect(isKnownDevice(deviceProof("someone-else@example.com"), user.email)).toBe(false);
  }, 60_000);

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
