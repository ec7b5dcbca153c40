// Rate limits on the API: a person's requests beyond the rate are refused with 429, Retry-After and
// RateLimit headers, without touching anyone else's; every answer says where the caller stands.
import { beforeAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { resetApiRateLimits, takeToken } from "@/lib/auth/api-rate-limit";
import { createTestProject, createTestUser } from "@/lib/testing/factories";
import { apiRequest, routeContext, sessionCookie } from "@/lib/testing/requests";
import { GET as items } from "./projects/[projectId]/items/route";

process.env.API_RATE_PER_MINUTE = "5";
resetEnvForTests();

let projectId: string;
let a: string;
let b: string;

beforeAll(async () => {
  const lead = await createTestUser();
  projectId = (await createTestProject(lead.id)).id;
  a = await sessionCookie(lead);
  b = await sessionCookie(await createTestUser());
  resetApiRateLimits();
});

describe("API rate limits", () => {
  it("refills a bucket at its rate: five a minute is one every 12 s", () => {
    const t0 = 1_000_000;
    for (let i = 0; i < 5; i++) expect(takeToken("test", 5, t0).allowed).toBe(true);
    const refused = takeToken("test", 5, t0);
    expect(refused).toMatchObject({ allowed: false, retryAfterSeconds: 12 });
    expect(takeToken("test", 5, t0 + 12_000).allowed).toBe(true);
  });

  it("answers 429 with Retry-After past a person's rate, and leaves other people alone", async () => {
    const call = (cookie: string) => items(apiRequest("GET", `/api/v1/projects/${projectId}/items`, { cookie }), routeContext({ projectId }));
    const first = await call(a);
    expect(first.status).toBe(200);
    expect(first.headers.get("RateLimit-Limit")).toBe("5");
    expect(first.headers.get("RateLimit-Remaining")).toBe("4");
    for (let i = 0; i < 4; i++) expect((await call(a)).status).toBe(200);
    const refused = await call(a);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThanOrEqual(1);
    expect(refused.headers.get("RateLimit-Remaining")).toBe("0");
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("RATE_LIMITED");
    // Someone else, from the same address (its bucket is four times larger), is not held back.
    expect((await call(b)).status).not.toBe(429);
  });
});
