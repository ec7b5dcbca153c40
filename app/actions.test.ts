// The security regression suite for server actions: every exported action of every actions.ts,
// called as an outsider, as an annotator, with a bearer token, and on an archived project. An
// export not built with the action wrappers (lib/auth/action.ts) fails here.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db";
import { ACTION_SPEC, type ActionSpec } from "@/lib/auth/action";
import { sessionCookieName, encodeSession } from "@/lib/auth/session-cookie";
import type { ActionResult } from "@/lib/action-result";
import { addMember, createTestProject, createTestUser } from "@/lib/testing/factories";

// What next/headers would give the action: the request's headers and cookies.
const request = vi.hoisted(() => ({ headers: new Headers(), cookies: new Map<string, string>() }));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({
    get: (name: string) => (request.cookies.has(name) ? { name, value: request.cookies.get(name) } : undefined),
    set: (name: string, value: string) => void request.cookies.set(name, value),
    delete: (name: string) => void request.cookies.delete(name),
  }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

type Action = ((...args: unknown[]) => Promise<ActionResult<unknown>>) & { [ACTION_SPEC]?: ActionSpec<unknown> };
type Found = { file: string; name: string; action: Action; spec: ActionSpec<unknown> };

function actionFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? actionFiles(p) : d.name === "actions.ts" ? [p] : [];
  });
}

let actions: Found[];
const users = {} as Record<"lead" | "annotator" | "outsider" | "admin", { id: string; sessionVersion: number }>;
let projectId: string;
let archivedId: string;

async function signedInAs(user: { id: string; sessionVersion: number } | null, extra: Record<string, string> = {}) {
  request.cookies.clear();
  request.headers = new Headers({ host: "localhost:3000", "x-goldset-peer-address": "10.0.0.1", ...extra });
  if (user) request.cookies.set(sessionCookieName(), await encodeSession({ uid: user.id, sv: user.sessionVersion }));
}

function invoke(f: Found, project: string): Promise<ActionResult<unknown>> {
  const form = new FormData();
  if (f.spec.kind === "project") return f.spec.shape === "form" ? f.action(project, null, form) : f.action(project, {});
  return f.spec.shape === "form" ? f.action(null, form) : f.action({});
}

beforeAll(async () => {
  actions = [];
  for (const file of actionFiles(path.join(process.cwd(), "app"))) {
    const mod = (await import(file)) as Record<string, Action>;
    for (const [name, action] of Object.entries(mod)) actions.push({ file: path.relative(process.cwd(), file), name, action, spec: action[ACTION_SPEC]! });
  }
  for (const who of ["lead", "annotator", "outsider", "admin"] as const) users[who] = await createTestUser({ isAdmin: who === "admin" });
  projectId = (await createTestProject(users.lead.id)).id;
  archivedId = (await createTestProject(users.lead.id)).id;
  await addMember(projectId, users.annotator.id, "ANNOTATOR");
  const db = await getDb();
  await db.project.update({ where: { id: archivedId }, data: { archivedAt: new Date() } });
});

beforeEach(() => signedInAs(null));

describe("every server action", () => {
  it("is built with an access wrapper", () => {
    expect(actions.length).toBeGreaterThanOrEqual(20);
    for (const a of actions) expect(a.spec, `${a.file}: ${a.name} must be made with lib/auth/action.ts`).toBeDefined();
  });

  it("refuses a bearer token, even with a valid session beside it", async () => {
    for (const a of actions.filter((x) => x.spec.kind !== "public")) {
      await signedInAs(users.lead, { authorization: "Bearer gs_anything" });
      const res = await invoke(a, projectId);
      expect(res, `${a.name}`).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
      expect(res.ok === false && res.message).toMatch(/API tokens work on \/api\/v1 only/);
    }
  });

  it("refuses callers without a session", async () => {
    for (const a of actions.filter((x) => x.spec.kind !== "public")) {
      await signedInAs(null);
      expect(await invoke(a, projectId), a.name).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    }
  });

  it("hides projects from outsiders and refuses annotators where a lead is needed", async () => {
    for (const a of actions.filter((x) => x.spec.kind === "project")) {
      await signedInAs(users.outsider);
      expect(await invoke(a, projectId), `${a.name} as outsider`).toMatchObject({ ok: false, code: "NOT_FOUND" });
      await signedInAs(users.lead);
      expect(await invoke(a, { id: projectId } as unknown as string), `${a.name} with an object for a project id`).toMatchObject({
        ok: false,
        code: "NOT_FOUND",
      });
      if (a.spec.kind === "project" && a.spec.need.role === "LEAD") {
        await signedInAs(users.annotator);
        expect(await invoke(a, projectId), `${a.name} as annotator`).toMatchObject({ ok: false, code: "FORBIDDEN" });
      }
    }
  });

  it("keeps archived projects read-only", async () => {
    for (const a of actions.filter((x) => x.spec.kind === "project" && x.spec.need.writes)) {
      await signedInAs(users.lead);
      expect(await invoke(a, archivedId), a.name).toMatchObject({ ok: false, code: "CONFLICT" });
    }
  });

  it("keeps admin actions for admins", async () => {
    const adminOnly = actions.filter((x) => x.spec.kind === "user" && x.spec.adminOnly);
    expect(adminOnly.length).toBeGreaterThan(0);
    for (const a of adminOnly) {
      await signedInAs(users.lead);
      expect(await invoke(a, projectId), a.name).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
  });

  it("validates arguments with zod: a member id that is an object never reaches the database", async () => {
    const remove = actions.find((a) => a.name === "removeMemberAction")!;
    await signedInAs(users.lead);
    const res = await remove.action(projectId, { memberId: { not: "x" } });
    expect(res).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(await (await getDb()).membership.count({ where: { projectId } })).toBe(2);
  });
});
