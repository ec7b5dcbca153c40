// The security regression suite for /api/v1: every route, probed with every kind of caller. The
// routes are found on disk, so a new route is probed the day it is added, and one built without
// the access wrapper fails here.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { ROUTE_SPEC, type RouteHandler, type RouteSpec } from "@/lib/auth/route";
import { createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { addMember, callerOf, createTestProject, createTestUser } from "@/lib/testing/factories";
import { apiRequest, routeContext, sessionCookie } from "@/lib/testing/requests";

type Route = { file: string; path: string; method: string; handler: RouteHandler; spec: RouteSpec<unknown, unknown, unknown> };

const ROOT = path.join(process.cwd(), "app", "api", "v1");
const METHODS = ["GET", "POST", "PATCH", "PUT", "DELETE"];

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    // The OpenAPI document is public and describes the others: it is not a project route.
    if (d.isDirectory()) return d.name === "openapi.json" || d.name === "[...path]" ? [] : routeFiles(p);
    return d.name === "route.ts" ? [p] : [];
  });
}

async function loadRoutes(): Promise<Route[]> {
  const out: Route[] = [];
  for (const file of routeFiles(ROOT)) {
    const mod = (await import(file)) as Record<string, unknown>;
    const urlPath = "/api/v1/" + path.relative(ROOT, path.dirname(file)).split(path.sep).join("/");
    for (const method of METHODS) {
      const handler = mod[method] as RouteHandler | undefined;
      if (!handler) continue;
      out.push({ file: path.relative(process.cwd(), file), path: urlPath, method, handler, spec: handler[ROUTE_SPEC] });
    }
  }
  return out;
}

let routes: Route[];
const people = {} as Record<"lead" | "annotator" | "outsider", { id: string; cookie: string }>;
let projectId: string;
let archivedId: string;
const tokens = {} as Record<"full" | "read" | "review" | "revoked" | "expired", string>;

beforeAll(async () => {
  routes = await loadRoutes();
  for (const who of ["lead", "annotator", "outsider"] as const) {
    const u = await createTestUser({ name: who });
    people[who] = { id: u.id, cookie: await sessionCookie(u) };
  }
  projectId = (await createTestProject(people.lead.id)).id;
  archivedId = (await createTestProject(people.lead.id)).id;
  await addMember(projectId, people.annotator.id, "ANNOTATOR");
  const db = await getDb();
  await db.project.update({ where: { id: archivedId }, data: { archivedAt: new Date() } });
  const lead = callerOf(await db.user.findUniqueOrThrow({ where: { id: people.lead.id } }));
  const make = async (scopes: ("read" | "review" | "lead")[], expiresInDays: number | null = null) =>
    (await createApiToken(lead, { name: scopes.join("+"), scopes, expiresInDays })).token;
  tokens.full = await make(["read", "review", "lead"]);
  tokens.read = await make(["read"]);
  tokens.review = await make(["review"]);
  const revoked = await createApiToken(lead, { name: "revoked", scopes: ["read", "review", "lead"], expiresInDays: null });
  await revokeApiToken(lead, revoked.id);
  tokens.revoked = revoked.token;
  const expired = await createApiToken(lead, { name: "expired", scopes: ["read", "review", "lead"], expiresInDays: 1 });
  await db.apiToken.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
  tokens.expired = expired.token;
});

/** The route's URL and params for a project; other ids are made up (access is refused before they matter). */
function target(r: Route, project: string) {
  const params: Record<string, string> = {};
  const url = r.path.replace(/\[(\w+)\]/g, (_, name: string) => (params[name] = name === "projectId" ? project : `x${name}`));
  return { url, params };
}

async function call(r: Route, project: string, opts: Parameters<typeof apiRequest>[2] = {}) {
  const { url, params } = target(r, project);
  const json = r.spec.body && opts.json === undefined && opts.body === undefined ? {} : opts.json;
  const res = await r.handler(apiRequest(r.method, url, { ...opts, json }), routeContext(params));
  return res;
}

describe("every /api/v1 route", () => {
  it("is built with the access wrapper and describes itself", async () => {
    expect(routes.length).toBeGreaterThanOrEqual(14);
    for (const r of routes) {
      expect(r.spec, `${r.method} ${r.file} must be made with projectRoute()`).toBeDefined();
      expect(r.spec.description.length, `${r.method} ${r.path} needs a description`).toBeGreaterThan(20);
      expect(["read", "review", "lead"]).toContain(r.spec.scope);
      if (r.method === "GET") expect(r.spec.scope).toBe("read");
    }
  });

  it("refuses a caller without credentials (401), and unknown, revoked or expired tokens", async () => {
    for (const r of routes) {
      for (const bearer of [undefined, "gs_unknown", tokens.revoked, tokens.expired]) {
        const res = await call(r, projectId, { bearer });
        expect(res.status, `${r.method} ${r.path} with ${bearer ? "a bad token" : "nothing"}`).toBe(401);
        expect(res.headers.get("www-authenticate"), "RFC 9110: a 401 names the scheme").toBe('Bearer realm="goldset"');
        expect(res.headers.get("content-type")).toBe("application/problem+json");
      }
    }
  });

  it("hides the project from outsiders (404, never 403), by session and by token", async () => {
    const db = await getDb();
    const outsider = callerOf(await db.user.findUniqueOrThrow({ where: { id: people.outsider.id } }));
    const token = (await createApiToken(outsider, { name: "o", scopes: ["read", "review", "lead"], expiresInDays: null })).token;
    for (const r of routes.filter((x) => x.spec.role !== "SIGNED_IN")) {
      expect((await call(r, projectId, { cookie: people.outsider.cookie })).status, `${r.method} ${r.path}`).toBe(404);
      expect((await call(r, projectId, { bearer: token })).status, `${r.method} ${r.path} (token)`).toBe(404);
      expect((await call(r, "no-such-project", { cookie: people.lead.cookie })).status, `${r.method} ${r.path} (no project)`).toBe(404);
    }
  });

  it("refuses annotators on lead routes (403)", async () => {
    const leadRoutes = routes.filter((r) => r.spec.role === "LEAD");
    expect(leadRoutes.length).toBeGreaterThan(5);
    for (const r of leadRoutes) expect((await call(r, projectId, { cookie: people.annotator.cookie })).status, `${r.method} ${r.path}`).toBe(403);
  });

  it("gives a token only what its scopes allow (403 otherwise)", async () => {
    for (const r of routes) {
      const lacking = r.spec.scope === "read" ? tokens.review : tokens.read;
      const res = await call(r, projectId, { bearer: lacking });
      expect(res.status, `${r.method} ${r.path} needs "${r.spec.scope}"`).toBe(403);
      expect((await res.json()).error.message).toMatch(/scope/);
    }
  });

  it("refuses cookie writes from another origin, without an origin, or JSON sent as text/plain", async () => {
    for (const r of routes.filter((x) => x.method !== "GET")) {
      const cross = await call(r, projectId, { cookie: people.lead.cookie, origin: "http://evil.localhost:3000", headers: { "sec-fetch-site": "same-site" } });
      expect(cross.status, `${r.method} ${r.path} from a sibling origin`).toBe(403);
      const none = await call(r, projectId, { cookie: people.lead.cookie, origin: null });
      expect(none.status, `${r.method} ${r.path} without Origin`).toBe(403);
      if (r.spec.body) {
        const plain = await call(r, projectId, { cookie: people.lead.cookie, body: "{}", headers: { "content-type": "text/plain" } });
        expect(plain.status, `${r.method} ${r.path} as text/plain`).toBe(415);
      }
    }
  });

  it("keeps archived projects read-only (409 on writes)", async () => {
    for (const r of routes.filter((x) => x.spec.writes)) {
      const res = await call(r, archivedId, { cookie: people.lead.cookie });
      expect(res.status, `${r.method} ${r.path}`).toBe(409);
      expect((await res.json()).error.message).toMatch(/archived/);
    }
  });

  it("answers with Cache-Control: no-store and one JSON error shape", async () => {
    for (const r of routes) {
      const res = await call(r, projectId, {});
      expect(res.headers.get("cache-control"), `${r.method} ${r.path}`).toBe("no-store");
      expect(await res.json()).toMatchObject({ error: { code: "UNAUTHENTICATED", message: expect.any(String) } });
    }
  });

  it("lists only the caller's own projects, a page at a time, and lets only those allowed create one", async () => {
    const list = routes.find((r) => r.path === "/api/v1/projects" && r.method === "GET")!;
    const create = routes.find((r) => r.path === "/api/v1/projects" && r.method === "POST")!;
    const outsiderSees = await (await call(list, projectId, { cookie: people.outsider.cookie })).json();
    expect(outsiderSees.projects.map((p: { id: string }) => p.id)).not.toContain(projectId);
    const leadSees = await (await call(list, projectId, { cookie: people.lead.cookie })).json();
    expect(leadSees.projects.find((p: { id: string }) => p.id === projectId)).toMatchObject({ role: "LEAD" });
    expect(leadSees.projects[0].counts).toBeUndefined(); // counts only on request
    const withCounts = await (await list.handler(apiRequest("GET", "/api/v1/projects?counts=true", { cookie: people.lead.cookie }), routeContext({}))).json();
    expect(withCounts.projects.find((p: { id: string }) => p.id === projectId).counts).toMatchObject({
      total: expect.any(Number),
      reviewed: expect.any(Number),
    });
    // Keyset pages: one at a time, each `next` link leading to the rest, no project twice.
    const seen: string[] = [];
    let url: string | null = "/api/v1/projects?limit=1&archived=false";
    while (url) {
      const res = await list.handler(apiRequest("GET", url, { cookie: people.lead.cookie }), routeContext({}));
      const page = (await res.json()) as { projects: { id: string }[]; next: string | null };
      expect(page.projects.length).toBeLessThanOrEqual(1);
      seen.push(...page.projects.map((p) => p.id));
      url = page.next;
    }
    expect(seen).toEqual(leadSees.projects.map((p: { id: string }) => p.id));
    expect(new Set(seen).size).toBe(seen.length);
    // Creating: the annotator (who leads nothing) may not; a lead may, and becomes the new project's lead.
    const input = {
      name: "From the API",
      taskType: "SINGLE_LABEL",
      labels: [
        { name: "a", color: "#2563eb" },
        { name: "b", color: "#dc2626" },
      ],
    };
    expect((await call(create, projectId, { cookie: people.annotator.cookie, json: input })).status).toBe(403);
    const made = await call(create, projectId, { cookie: people.lead.cookie, json: input });
    expect(made.status).toBe(201);
    const { id } = await made.json();
    const db = await getDb();
    expect(await db.membership.findFirst({ where: { projectId: id, userId: people.lead.id } })).toMatchObject({ role: "LEAD" });
    const bad = await call(create, projectId, { cookie: people.lead.cookie, json: { name: "", taskType: "NOPE", labels: [] } });
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()).error.fieldErrors)).toEqual(expect.arrayContaining(["name", "taskType"]));
  });
});
