// Idempotency-Key through a real route: a retry gets the first answer and creates nothing; the
// same key for another request is refused; two at once create one thing; a failure frees the key.
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { createApiToken } from "@/lib/auth/api-tokens";
import { callerOf, createTestUser } from "@/lib/testing/factories";
import { apiRequest, routeContext } from "@/lib/testing/requests";
import { getInstanceSettings } from "@/lib/instance/settings";
import * as projects from "@/app/api/v1/projects/route";
import * as uploads from "@/app/api/v1/projects/[projectId]/items/route";
import { createTestProject } from "@/lib/testing/factories";

const input = (name: string) => ({
  name,
  taskType: "SINGLE_LABEL",
  labels: [
    { name: "a", color: "#2563eb" },
    { name: "b", color: "#dc2626" },
  ],
});

async function tokenFor(isAdmin: boolean) {
  const user = await createTestUser({ isAdmin });
  const db = await getDb();
  const { token } = await createApiToken(callerOf(await db.user.findUniqueOrThrow({ where: { id: user.id } })), {
    name: "s",
    scopes: ["read", "lead"],
    expiresInDays: null,
  });
  return { user, token };
}

const post = (token: string, json: unknown, key?: string) =>
  projects.POST(
    apiRequest("POST", "/api/v1/projects", { bearer: token, json, origin: null, headers: key ? { "idempotency-key": key } : {} }),
    routeContext({}),
  );

describe("Idempotency-Key", () => {
  it("replays the first answer to a retry, and creates the project once", async () => {
    await getInstanceSettings();
    const { user, token } = await tokenFor(true);
    const first = await post(token, input("Once"), "retry-1");
    expect(first.status).toBe(201);
    const again = await post(token, input("Once"), "retry-1");
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toEqual(await first.json());
    const db = await getDb();
    expect(await db.project.count({ where: { createdById: user.id, name: "Once" } })).toBe(1);
    // Without a key, each POST is its own.
    expect((await post(token, input("Twice"))).status).toBe(201);
    expect((await post(token, input("Twice"))).status).toBe(201);
    expect(await db.project.count({ where: { createdById: user.id, name: "Twice" } })).toBe(2);
  });

  it("refuses the same key for another request, and a malformed key", async () => {
    const { token } = await tokenFor(true);
    expect((await post(token, input("First"), "k-2")).status).toBe(201);
    const other = await post(token, input("Second"), "k-2");
    expect(other.status).toBe(422);
    expect((await other.json()).error.message).toMatch(/different request/);
    expect((await post(token, input("Bad key"), "has space")).status).toBe(400);
  });

  it("creates one thing when two requests with one key arrive together", async () => {
    const { user, token } = await tokenFor(true);
    const both = await Promise.all([post(token, input("Together"), "k-3"), post(token, input("Together"), "k-3")]);
    const statuses = both.map((r) => r.status).sort();
    expect(
      [
        ["201", "201"],
        ["201", "409"],
      ].map(String),
    ).toContain(statuses.map(String).join(","));
    const db = await getDb();
    expect(await db.project.count({ where: { createdById: user.id, name: "Together" } })).toBe(1);
  });

  it("frees the key when the request fails, so a retry runs", async () => {
    const { user, token } = await tokenFor(false); // may not create projects (not an admin, leads nothing)
    expect((await post(token, input("Refused"), "k-4")).status).toBe(403);
    const db = await getDb();
    await db.user.update({ where: { id: user.id }, data: { isAdmin: true } });
    expect((await post(token, input("Refused"), "k-4")).status).toBe(201);
  });

  it("binds an upload's key to the file: the same file replays (with Location), another file is refused and not imported", async () => {
    const { user, token } = await tokenFor(true);
    const project = await createTestProject(user.id);
    const upload = (text: string, key: string) =>
      uploads.POST(
        apiRequest("POST", `/api/v1/projects/${project.id}/items?format=jsonl&fileName=a.jsonl`, {
          bearer: token,
          origin: null,
          body: text,
          headers: { "content-type": "application/octet-stream", "idempotency-key": key },
        }),
        routeContext({ projectId: project.id }),
      );
    const fileA = '{"id":"a1","text":"first file"}\n';
    const fileB = '{"id":"b1","text":"second file"}\n';
    const first = await upload(fileA, "up-1");
    expect(first.status).toBe(202);
    const location = first.headers.get("location");
    expect(location).toMatch(/\/imports\//);
    const replay = await upload(fileA, "up-1");
    expect([replay.status, replay.headers.get("idempotent-replayed"), replay.headers.get("location")]).toEqual([202, "true", location]);
    const other = await upload(fileB, "up-1");
    expect(other.status).toBe(422);
    expect((await other.json()).error.message).toMatch(/different request \(another body or file\)/);
    const db = await getDb();
    expect(await db.import.count({ where: { projectId: project.id } })).toBe(1);
    // A new key for the second file imports it.
    expect((await upload(fileB, "up-2")).status).toBe(202);
    expect(await db.import.count({ where: { projectId: project.id } })).toBe(2);
  });
});
