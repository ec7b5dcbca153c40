// What the API does with oversized bodies, numbers beyond int4, and values that look right but
// are not: each is a 4xx that names the field, never a 500 or a silently wrong value.
import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { addMember, createTestProject, createTestUser } from "@/lib/testing/factories";
import { apiRequest, routeContext, sessionCookie } from "@/lib/testing/requests";
import { POST as next } from "./projects/[projectId]/review/next/route";
import { POST as decide } from "./projects/[projectId]/review/decisions/route";
import { PATCH as editDecision } from "./projects/[projectId]/review/decisions/[decisionId]/route";
import { GET as items } from "./projects/[projectId]/items/route";
import { GET as importErrors } from "./projects/[projectId]/imports/[importId]/errors/route";
import { POST as startExport } from "./projects/[projectId]/exports/route";

let projectId: string;
let lead: string;
let annotator: string;
let outsider: string;

beforeAll(async () => {
  const l = await createTestUser();
  const a = await createTestUser();
  const o = await createTestUser();
  projectId = (await createTestProject(l.id)).id;
  await addMember(projectId, a.id, "ANNOTATOR");
  [lead, annotator, outsider] = await Promise.all([sessionCookie(l), sessionCookie(a), sessionCookie(o)]);
  const db = await getDb();
  await db.item.createMany({ data: [1, 2, 3].map((i) => ({ projectId, externalId: `i${i}`, text: `Ada Lovelace wrote item ${i}` })) });
});

/** A body of `size` bytes that counts what the server actually pulled from it. */
function countedBody(size: number) {
  const chunk = new Uint8Array(64 * 1024).fill(0x20);
  const seen = { bytes: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (seen.bytes >= size) return controller.close();
      seen.bytes += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, seen };
}

describe("request bodies", () => {
  it("are refused past 1 MB (413) without being read to the end", async () => {
    const { stream, seen } = countedBody(50 * 1024 * 1024);
    const res = await next(
      apiRequest("POST", `/api/v1/projects/${projectId}/review/next`, { cookie: annotator, body: stream, headers: { "content-type": "application/json" } }),
      routeContext({ projectId }),
    );
    expect(res.status).toBe(413);
    expect(seen.bytes).toBeLessThan(2 * 1024 * 1024);
  });

  it("are not read at all for a caller who may not use the route", async () => {
    const { stream, seen } = countedBody(50 * 1024 * 1024);
    const res = await next(
      apiRequest("POST", `/api/v1/projects/${projectId}/review/next`, { cookie: outsider, body: stream, headers: { "content-type": "application/json" } }),
      routeContext({ projectId }),
    );
    expect(res.status).toBe(404);
    expect(seen.bytes).toBeLessThanOrEqual(64 * 1024);
  });

  it("are refused by their declared length before a byte is read", async () => {
    const res = await next(
      apiRequest("POST", `/api/v1/projects/${projectId}/review/next`, {
        cookie: annotator,
        body: "{}",
        headers: { "content-type": "application/json", "content-length": String(200 * 1024 * 1024) },
      }),
      routeContext({ projectId }),
    );
    expect(res.status).toBe(413);
  });
});

describe("numbers and values", () => {
  const errorOf = async (res: Response) => ({ status: res.status, body: (await res.json()).error });

  it("beyond 2^31 are 400s naming the field", async () => {
    const big = 3_000_000_000;
    const cases: [string, Promise<Response>][] = [
      ["after", items(apiRequest("GET", `/api/v1/projects/${projectId}/items?after=${big}`, { cookie: lead }), routeContext({ projectId }))],
      [
        "skip.0",
        next(apiRequest("POST", `/api/v1/projects/${projectId}/review/next`, { cookie: annotator, json: { skip: [big] } }), routeContext({ projectId })),
      ],
      [
        "itemId",
        decide(
          apiRequest("POST", `/api/v1/projects/${projectId}/review/decisions`, {
            cookie: annotator,
            json: { id: crypto.randomUUID(), itemId: big, action: "SKIPPED" },
          }),
          routeContext({ projectId }),
        ),
      ],
      [
        "version",
        editDecision(
          apiRequest("PATCH", `/api/v1/projects/${projectId}/review/decisions/d1`, { cookie: annotator, json: { value: { label: "positive" }, version: big } }),
          routeContext({ projectId, decisionId: "d1" }),
        ),
      ],
      [
        "afterLine",
        importErrors(
          apiRequest("GET", `/api/v1/projects/${projectId}/imports/x/errors?afterLine=${big}`, { cookie: lead }),
          routeContext({ projectId, importId: "x" }),
        ),
      ],
      [
        "skip",
        next(apiRequest("POST", `/api/v1/projects/${projectId}/review/next`, { cookie: annotator, json: { skip: "1,2" } }), routeContext({ projectId })),
      ],
      ["after", items(apiRequest("GET", `/api/v1/projects/${projectId}/items?after=abc`, { cookie: lead }), routeContext({ projectId }))],
    ];
    for (const [field, pending] of cases) {
      const { status, body } = await errorOf(await pending);
      expect(status, field).toBe(400);
      expect(Object.keys(body.fieldErrors), field).toContain(field);
      expect(body.message, field).toContain(field);
    }
  });

  it('reads includeBlind "false" as false', async () => {
    const res = await startExport(
      apiRequest("POST", `/api/v1/projects/${projectId}/exports`, { cookie: lead, json: { format: "JSONL", includeBlind: "false" } }),
      routeContext({ projectId }),
    );
    expect(res.status).toBe(202);
    const db = await getDb();
    const created = await db.export.findUniqueOrThrow({ where: { id: (await res.json()).export.id } });
    expect((created.options as { includeBlind: boolean }).includeBlind).toBe(false);
  });

  it("lets leads, not annotators, filter items by gold, disagreement or annotator", async () => {
    for (const filter of ["gold=yes", "disagree=1", "annotator=someone"]) {
      const asAnnotator = await items(apiRequest("GET", `/api/v1/projects/${projectId}/items?${filter}`, { cookie: annotator }), routeContext({ projectId }));
      expect(asAnnotator.status, filter).toBe(403);
      const asLead = await items(apiRequest("GET", `/api/v1/projects/${projectId}/items?${filter}`, { cookie: lead }), routeContext({ projectId }));
      expect(asLead.status, filter).toBe(200);
    }
  });

  it("searches for every word, in any order, not the exact phrase", async () => {
    const res = await items(
      apiRequest("GET", `/api/v1/projects/${projectId}/items?q=${encodeURIComponent("lovelace ITEM 2 ada")}`, { cookie: annotator }),
      routeContext({ projectId }),
    );
    expect((await res.json()).items.map((i: { externalId: string }) => i.externalId)).toEqual(["i2"]);
  });
});
