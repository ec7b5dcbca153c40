// No request can make the API answer 5xx: every operation of the OpenAPI document is called, as the
// project's lead, with malformed variants of each path parameter, each documented query parameter
// and its body (NUL characters, numbers past 32 bits, impossible cursors and dates, huge and empty
// values, wrong JSON types, broken JSON). Any 5xx fails, naming the operation and the variant.
import { beforeAll, describe, expect, it } from "vitest";
import { documentedOperations } from "@/app/api/v1/documented-operations";
import { ROUTE_SPEC, type RouteHandler } from "@/lib/auth/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import { getDb } from "@/lib/db";
import { addMember, callerOf, createTestProject, createTestUser } from "@/lib/testing/factories";
import { apiRequest, routeContext } from "@/lib/testing/requests";
import { resetEnvForTests } from "@/lib/env";

// A thousand calls in seconds from one token: past any sane rate limit, and rate limits are not what this checks.
process.env.API_RATE_PER_MINUTE = "1000000";
resetEnvForTests();

type Operation = { path: string; method: string; handler: RouteHandler; query: string[] };

const b64 = (s: string) => Buffer.from(s).toString("base64url");
/** Values no parameter should choke on. */
const BAD_VALUES = [
  "\u0000",
  "a\u0000b",
  "2147483648",
  "99999999999999999999",
  "-1",
  "1e309",
  "NaN",
  "0x10",
  "x".repeat(5000),
  "%",
  "😀",
  "' OR 1=1 --",
  "../../etc/passwd",
  b64(JSON.stringify({ t: "999999-01-01T00:00:00Z", id: 1 })),
  b64(JSON.stringify({ createdAt: "not a date", id: "x" })),
  // Cursors of the shape the API gives, holding impossible instants.
  b64(JSON.stringify(["2026-13-45 99:99:99", "x"])),
  b64(JSON.stringify(["2026-02-30 10:00:00", "x"])),
  b64("{"),
  "2026-13-45T99:99:99Z",
];
/** Bodies of the wrong shape, and bodies that are not JSON at all. */
const BAD_BODIES: (unknown | { raw: string })[] = [
  null,
  [],
  "text",
  12,
  { "\u0000": "\u0000" },
  { value: { label: "\u0000" }, version: 2 ** 40 },
  { raw: "{" },
  { raw: "\u0000" },
];

let operations: Operation[] = [];
let token = "";
const ids: Record<string, string> = {};

beforeAll(async () => {
  operations = (await documentedOperations()).map(({ path, method, handler, doc }) => ({
    path,
    method,
    handler,
    query: (doc.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name),
  }));
  const lead = await createTestUser();
  const db = await getDb();
  token = (
    await createApiToken(callerOf(await db.user.findUniqueOrThrow({ where: { id: lead.id } })), {
      name: "fuzz",
      scopes: ["read", "review", "lead"],
      expiresInDays: null,
    })
  ).token;
  const projectId = (await createTestProject(lead.id)).id;
  const annotator = await createTestUser();
  await addMember(projectId, annotator.id, "ANNOTATOR");
  const item = await db.item.create({ data: { projectId, externalId: "f1", text: "fuzz" } });
  const version = await db.promptVersion.create({
    data: { projectId, number: 1, modelId: "claude-haiku-4-5", strategy: "ZERO_SHOT", instructions: "x", settings: {}, createdById: lead.id },
  });
  Object.assign(ids, { projectId, itemId: String(item.id), versionId: version.id, memberId: annotator.id });
});

async function status(
  op: Operation,
  params: Record<string, string>,
  query: Record<string, string>,
  body: unknown | { raw: string } | undefined,
): Promise<number> {
  const url = op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name]));
  const qs = new URLSearchParams(query).toString();
  const raw = body !== null && typeof body === "object" && "raw" in (body as object) ? (body as { raw: string }).raw : undefined;
  const req = apiRequest(op.method, `${url}${qs ? `?${qs}` : ""}`, {
    bearer: token,
    origin: null,
    ...(raw !== undefined ? { body: raw, headers: { "content-type": "application/json" } } : body === undefined ? {} : { json: body }),
  });
  const res = await op.handler(req, routeContext(params));
  return res.status;
}

describe("malformed requests", () => {
  it("never make any documented operation answer 5xx", async () => {
    expect(operations.length).toBeGreaterThan(30);
    const failures: string[] = [];
    const check = async (op: Operation, what: string, params: Record<string, string>, query: Record<string, string>, body?: unknown) => {
      const s = await status(op, params, query, body).catch(
        (err: Error) => 599 + 0 * (failures.push(`${op.method} ${op.path} ${what}: threw ${err.message}`) as number),
      );
      if (s >= 500) failures.push(`${op.method} ${op.path} ${what}: ${s}`);
    };
    for (const op of operations) {
      const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const good = Object.fromEntries(names.map((n) => [n, ids[n] ?? "nothing-here-1"]));
      const sendsBody = op.method !== "GET" && op.method !== "DELETE" && !op.handler[ROUTE_SPEC].rawBody;
      for (const name of names)
        for (const v of BAD_VALUES) await check(op, `path ${name}=${JSON.stringify(v.slice(0, 40))}`, { ...good, [name]: v }, {}, sendsBody ? {} : undefined);
      for (const q of op.query)
        for (const v of BAD_VALUES) await check(op, `query ${q}=${JSON.stringify(v.slice(0, 40))}`, good, { [q]: v }, sendsBody ? {} : undefined);
      if (sendsBody) for (const b of BAD_BODIES) await check(op, `body ${JSON.stringify(b)}`, good, {}, b);
    }
    expect(failures).toEqual([]);
  }, 240_000);
});
