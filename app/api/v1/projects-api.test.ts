// Driving a project from a script: read and change it, save a prompt version, start a run and
// control it, archive the project: the same lib calls as the app, through /api/v1 with a token.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/auth/api-tokens";
import { getDb } from "@/lib/db";
import type { FakeAnthropic } from "@/lib/testing/fake-anthropic/server";
import { llmProject, startFakeLlm } from "@/lib/testing/llm-fixtures";
import { accessFor, addMember, callerOf, createTestProject, createTestUser } from "@/lib/testing/factories";
import { claimNextItem } from "@/lib/reviews/claim-next";
import { submitDecision } from "@/lib/reviews/submit-decision";
import { decisionInputSchema } from "@/lib/reviews/schemas";
import * as oneItem from "@/app/api/v1/projects/[projectId]/items/[itemId]/route";
import * as adjudicateItem from "@/app/api/v1/projects/[projectId]/items/[itemId]/adjudicate/route";
import * as gold from "@/app/api/v1/projects/[projectId]/items/[itemId]/gold/route";
import * as adjudications from "@/app/api/v1/projects/[projectId]/adjudications/route";
import * as members from "@/app/api/v1/projects/[projectId]/members/route";
import * as member from "@/app/api/v1/projects/[projectId]/members/[memberId]/route";
import * as invitations from "@/app/api/v1/projects/[projectId]/invitations/route";
import * as decisions from "@/app/api/v1/projects/[projectId]/decisions/route";
import { apiRequest, routeContext } from "@/lib/testing/requests";
import * as project from "@/app/api/v1/projects/[projectId]/route";
import * as projects from "@/app/api/v1/projects/route";
import * as archive from "@/app/api/v1/projects/[projectId]/archive/route";
import * as prompts from "@/app/api/v1/projects/[projectId]/prompts/route";
import * as prompt from "@/app/api/v1/projects/[projectId]/prompts/[versionId]/route";
import * as runs from "@/app/api/v1/projects/[projectId]/runs/route";
import * as run from "@/app/api/v1/projects/[projectId]/runs/[runId]/route";
import * as control from "@/app/api/v1/projects/[projectId]/runs/[runId]/[action]/route";

let fake: FakeAnthropic;
beforeAll(async () => {
  fake = await startFakeLlm({ latencyMs: 2000 }); // slow enough to pause the run before it ends
});
afterAll(async () => {
  await fake.stop();
});

describe("a project through the API", () => {
  it("is read and changed, gets a prompt version and a run it pauses and cancels, and is archived", async () => {
    const p = await llmProject(30);
    const db = await getDb();
    const user = await db.user.findUniqueOrThrow({ where: { id: p.user.id } });
    const { token } = await createApiToken(callerOf(user), { name: "script", scopes: ["read", "lead"], expiresInDays: null });
    const call = async (
      handler: (req: Request, ctx: ReturnType<typeof routeContext>) => Promise<Response>,
      method: string,
      path: string,
      params: Record<string, string>,
      json?: unknown,
    ) => {
      const res = await handler(apiRequest(method, path, { bearer: token, json, origin: null }), routeContext({ projectId: p.projectId, ...params }));
      return { status: res.status, body: await res.json() };
    };
    const base = `/api/v1/projects/${p.projectId}`;

    const read = await call(project.GET, "GET", base, {});
    expect(read).toMatchObject({ status: 200, body: { id: p.projectId, taskType: "SINGLE_LABEL", role: "LEAD" } });
    const labels = read.body.labels.map((l: { name: string; color: string; hotkey: string | null; description: string }) => ({
      name: l.name,
      color: l.color,
      hotkey: l.hotkey,
      description: l.description,
    }));
    const changed = await call(
      project.PATCH,
      "PATCH",
      base,
      {},
      { name: "Renamed by a script", description: "", guidelines: "Spam: unsolicited bulk mail.", taskType: "SINGLE_LABEL", labels },
    );
    expect(changed).toMatchObject({ status: 200, body: { name: "Renamed by a script", guidelines: "Spam: unsolicited bulk mail." } });
    // A partial body changes what it names and keeps the rest, labels and their ids included.
    const renamed = await call(project.PATCH, "PATCH", base, {}, { name: "Only the name" });
    expect(renamed).toMatchObject({ status: 200, body: { name: "Only the name", guidelines: "Spam: unsolicited bulk mail.", taskType: "SINGLE_LABEL" } });
    expect(renamed.body.labels.map((l: { id: string; name: string }) => [l.id, l.name])).toEqual(
      changed.body.labels.map((l: { id: string; name: string }) => [l.id, l.name]),
    );
    expect((await call(project.PATCH, "PATCH", base, {}, { guidelines: "New words." })).body).toMatchObject({
      name: "Only the name",
      guidelines: "New words.",
    });
    // The form's rules still hold for a partial body.
    expect((await call(project.PATCH, "PATCH", base, {}, { name: "" })).status).toBe(400);

    const version = await call(
      prompts.POST,
      "POST",
      `${base}/prompts`,
      {},
      {
        modelId: "claude-haiku-4-5",
        strategy: "ZERO_SHOT",
        instructions: "Decide whether the e-mail is spam.",
        settings: { temperature: 0, maxTokens: 256, samples: 1, fewShotK: 3 },
      },
    );
    expect(version.status).toBe(201);
    expect((await call(prompts.GET, "GET", `${base}/prompts`, {})).body.versions.map((v: { id: string }) => v.id)).toContain(version.body.id);
    expect(await call(prompt.GET, "GET", `${base}/prompts/${version.body.id}`, { versionId: version.body.id })).toMatchObject({
      status: 200,
      body: { id: version.body.id, strategy: "ZERO_SHOT" },
    });
    expect((await call(prompt.GET, "GET", `${base}/prompts/nope`, { versionId: "nope" })).status).toBe(404);

    const started = await call(
      runs.POST,
      "POST",
      `${base}/runs`,
      {},
      { promptVersionId: version.body.id, selection: { kind: "MISSING" }, mode: "DIRECT", concurrency: 2 },
    );
    expect(started).toMatchObject({ status: 202, body: { status: "QUEUED", totalItems: 30 } });
    const runId = started.body.id;
    expect(await call(control.POST, "POST", `${base}/runs/${runId}/pause`, { runId, action: "pause" })).toMatchObject({
      status: 200,
      body: { status: "PAUSED" },
    });
    expect(await call(control.POST, "POST", `${base}/runs/${runId}/resume`, { runId, action: "resume" })).toMatchObject({
      status: 200,
      body: { status: "QUEUED" },
    });
    expect(await call(control.POST, "POST", `${base}/runs/${runId}/cancel`, { runId, action: "cancel" })).toMatchObject({
      status: 200,
      body: { status: "CANCELLED" },
    });
    expect((await call(control.POST, "POST", `${base}/runs/${runId}/explode`, { runId, action: "explode" })).status).toBe(400);
    expect(await call(run.GET, "GET", `${base}/runs/${runId}`, { runId })).toMatchObject({ status: 200, body: { id: runId, status: "CANCELLED" } });

    expect(await call(archive.POST, "POST", `${base}/archive`, {}, { archived: true })).toMatchObject({ status: 200, body: { archived: true } });
    const archivedList = await projects.GET(apiRequest("GET", "/api/v1/projects?archived=true", { bearer: token }), routeContext({}));
    expect(((await archivedList.json()) as { projects: { id: string }[] }).projects.map((x) => x.id)).toContain(p.projectId);
    expect((await call(project.PATCH, "PATCH", base, {}, { name: "No", description: "", guidelines: "", taskType: "SINGLE_LABEL", labels })).status).toBe(409);
  });
});

describe("items, adjudication, gold and people through the API", () => {
  it("shows an item's decisions, rules on a disagreement, corrects gold, changes a role and invites", async () => {
    const lead = await createTestUser();
    const { id: projectId } = await createTestProject(lead.id);
    const db = await getDb();
    await db.project.update({ where: { id: projectId }, data: { reviewersPerItem: 2, blindShare: 0 } });
    const item = await db.item.create({ data: { projectId, externalId: "x1", text: "a fine product" } });
    const [a, b] = [await createTestUser(), await createTestUser()];
    for (const [u, label] of [
      [a, "positive"],
      [b, "negative"],
    ] as const) {
      await addMember(projectId, u.id, "ANNOTATOR");
      const access = await accessFor(u.id, projectId);
      const task = await claimNextItem(access);
      await submitDecision(
        access,
        decisionInputSchema.parse({ id: crypto.randomUUID(), itemId: task!.item.id, action: "LABELED", value: { label }, seconds: 1 }),
      );
    }
    const { token } = await createApiToken(callerOf(await db.user.findUniqueOrThrow({ where: { id: lead.id } })), {
      name: "s",
      scopes: ["read", "lead"],
      expiresInDays: null,
    });
    const call = async (
      handler: (req: Request, ctx: ReturnType<typeof routeContext>) => Promise<Response>,
      method: string,
      params: Record<string, string>,
      json?: unknown,
    ) => {
      const res = await handler(
        apiRequest(method, `/api/v1/projects/${projectId}/x`, { bearer: token, json, origin: null }),
        routeContext({ projectId, ...params }),
      );
      return { status: res.status, body: await res.json() };
    };
    const id = String(item.id);
    const waiting = await call(adjudications.GET, "GET", {});
    expect(waiting.body.items.map((i: { id: number }) => i.id)).toContain(item.id);
    // Decisions on the item, a page of one at a time, following `next`.
    const pages: string[][] = [];
    for (let url: string | null = `/api/v1/projects/${projectId}/decisions?item=${id}&limit=1`; url;) {
      const res = await decisions.GET(apiRequest("GET", url, { bearer: token }), routeContext({ projectId }));
      const page = (await res.json()) as { decisions: { annotatorId: string }[]; next: string | null };
      pages.push(page.decisions.map((d) => d.annotatorId));
      url = page.next;
    }
    expect(pages).toHaveLength(2);
    expect(pages.flat().sort()).toEqual([a.id, b.id].sort());
    const noFilter = await decisions.GET(apiRequest("GET", `/api/v1/projects/${projectId}/decisions`, { bearer: token }), routeContext({ projectId }));
    expect(noFilter.status).toBe(400);
    const before = await call(oneItem.GET, "GET", { itemId: id });
    expect(before.body.decisions).toHaveLength(2);
    expect(before.body.gold).toBeNull();
    expect((await call(adjudicateItem.POST, "POST", { itemId: id }, { value: { label: "nope" } })).status).toBe(400);
    expect(await call(adjudicateItem.POST, "POST", { itemId: id }, { value: { label: "positive" }, note: "praise" })).toMatchObject({
      status: 200,
      body: { gold: { value: { label: "positive" }, source: "ADJUDICATION" } },
    });
    expect((await call(adjudicateItem.POST, "POST", { itemId: id }, { value: { label: "positive" } })).status).toBe(409);
    expect((await call(gold.PUT, "PUT", { itemId: id }, { value: { label: "negative" }, reason: "" })).status).toBe(400);
    expect(await call(gold.PUT, "PUT", { itemId: id }, { value: { label: "negative" }, reason: "sarcasm" })).toMatchObject({
      status: 200,
      body: { gold: { value: { label: "negative" }, source: "CORRECTION" } },
    });
    expect((await call(oneItem.GET, "GET", { itemId: "abc" })).status).toBe(400);

    const people = await call(members.GET, "GET", {});
    expect(people.body.members.map((m: { userId: string }) => m.userId).sort()).toEqual([lead.id, a.id, b.id].sort());
    expect(await call(member.PATCH, "PATCH", { memberId: a.id }, { role: "LEAD" })).toMatchObject({ status: 200, body: { role: "LEAD" } });
    expect((await call(member.DELETE, "DELETE", { memberId: b.id })).status).toBe(200);
    const invited = await call(invitations.POST, "POST", {}, { email: "New.Person@example.com", role: "ANNOTATOR" });
    expect(invited).toMatchObject({ status: 201, body: { email: "new.person@example.com", link: expect.stringMatching(/\/invite\/\S{20,}$/) } });
    const listed = await call(invitations.GET, "GET", {});
    expect(JSON.stringify(listed.body)).toContain("new.person@example.com");
    expect(JSON.stringify(listed.body)).not.toContain(invited.body.link.split("/invite/")[1]); // the link is shown once
  });
});
