// The API's contract, operation by operation: every documented operation is called with a lead's,
// an annotator's and an outsider's token, and each answer's status must be one the OpenAPI document
// lists for that operation; outsiders learn nothing (404), annotators are refused lead operations
// (403), leads are never refused, nothing answers 5xx, a success carries the documented code, and
// its body fits the documented response schema where the route states one.
// The calls are deliberately thin (one of each thing to name, empty bodies but for a few): this
// checks the boundary and the documented shapes, the feature tests check what the operations do.
import { beforeAll, describe, expect, it } from "vitest";
import { documentedOperations } from "@/app/api/v1/documented-operations";
import { ROUTE_SPEC, type RouteHandler } from "@/lib/auth/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import { getDb } from "@/lib/db";
import { addMember, callerOf, createTestProject, createTestUser } from "@/lib/testing/factories";
import { apiRequest, routeContext } from "@/lib/testing/requests";

type Operation = { path: string; method: string; handler: RouteHandler; documented: string[] };
type User = { id: string; token: string };

/** Path parameters that name no row: well-formed, naming nothing. The rest name freshProject's rows. */
const PLACEHOLDER: Record<string, string> = { action: "pause" };

/** Real bodies for some operations, so their success answers are checked too; the rest get {}. */
const BODIES: Record<string, unknown | ((ids: Record<string, string>) => unknown)> = {
  "PATCH /api/v1/projects/{projectId}": { name: "Renamed by a partial body" },
  "PUT /api/v1/projects/{projectId}/review-settings": { reviewersPerItem: 2, blindPercent: 20, queueOrder: "RANDOM" },
  "PUT /api/v1/projects/{projectId}/auto-accept": { errorBudgetPercent: 5, autoAccept: true, auditPercent: 5 },
  "PUT /api/v1/projects/{projectId}/budget": { budgetUsd: 12.5 },
  "POST /api/v1/projects/{projectId}/runs/estimate": (ids: Record<string, string>) => ({ promptVersionId: ids.versionId, selection: { kind: "MISSING" } }),
  "POST /api/v1/projects/{projectId}/archive": { archived: true },
  "POST /api/v1/projects/{projectId}/webhooks": { url: "https://hooks.example.com/goldset", events: ["run.finished"] },
  "POST /api/v1/projects/{projectId}/prompts": {
    modelId: "claude-haiku-4-5",
    strategy: "ZERO_SHOT",
    instructions: "Label it.",
    settings: { temperature: 0, maxTokens: 256, samples: 1, fewShotK: 3 },
  },
  "POST /api/v1/projects/{projectId}/exports": { format: "JSONL" },
  "POST /api/v1/projects/{projectId}/proposals/loops": (ids: Record<string, string>) => ({
    versionId: ids.versionId,
    proposerModel: "claude-sonnet-4-6",
    maxRounds: 2,
    capUsd: 1,
  }),
  "POST /api/v1/projects/{projectId}/invitations": { email: "someone@example.com", role: "ANNOTATOR" },
  "PATCH /api/v1/projects/{projectId}/members/{memberId}": { role: "LEAD" },
  "PATCH /api/v1/projects/{projectId}/review/decisions/{decisionId}": { value: { label: "negative" }, version: 1 },
  "PUT /api/v1/projects/{projectId}/items/{itemId}/gold": { value: { label: "positive" }, reason: "contract" },
};

let operations: Operation[] = [];
const users: Record<"lead" | "annotator" | "outsider", User> = {} as never;

async function userWithToken(): Promise<User> {
  const u = await createTestUser();
  const db = await getDb();
  const { token } = await createApiToken(callerOf(await db.user.findUniqueOrThrow({ where: { id: u.id } })), {
    name: "contract",
    scopes: ["read", "review", "lead"],
    expiresInDays: null,
  });
  return { id: u.id, token };
}

beforeAll(async () => {
  operations = (await documentedOperations()).map(({ path, method, handler, doc }) => ({ path, method, handler, documented: Object.keys(doc.responses) }));
  users.lead = await userWithToken();
  users.annotator = await userWithToken();
  users.outsider = await userWithToken();
});

type Fresh = { projectId: string; ids: Record<string, string> };

/**
 * A fresh project per operation, so one operation's effect (an archive, a new member) cannot
 * change another's answer; with one of each thing, so lists and the single-thing operations
 * answer with real bodies whose documented shapes are checked too.
 */
async function freshProject(): Promise<Fresh> {
  const lead = users.lead.id;
  const projectId = (await createTestProject(lead)).id;
  await addMember(projectId, users.annotator.id, "ANNOTATOR");
  const db = await getDb();
  const item = await db.item.create({ data: { projectId, externalId: "c1", text: "contract" } });
  const version = await db.promptVersion.create({
    data: { projectId, number: 1, modelId: "claude-haiku-4-5", strategy: "ZERO_SHOT", instructions: "x", settings: {}, createdById: lead },
  });
  const exp = await db.export.create({ data: { projectId, createdById: lead, format: "JSONL", options: {}, fileName: "x.jsonl" } });
  const hook = await db.webhook.create({
    data: { projectId, url: "https://hooks.example.com/x", events: ["run.finished"], secret: "whsec_x", createdById: lead },
  });
  const imp = await db.import.create({
    data: { projectId, createdById: lead, format: "CSV", fileName: "x.csv", fileBytes: 10, storagePath: "nowhere", status: "QUEUED" },
  });
  await db.importError.create({ data: { importId: imp.id, line: 3, field: "text", reason: "Empty text", excerpt: "," } });
  const run = await db.run.create({ data: { projectId, promptVersionId: version.id, selection: { kind: "MISSING" }, concurrency: 1, createdById: lead } });
  const job = await db.synthesisJob.create({ data: { projectId, label: "positive", count: 5, modelId: "claude-haiku-4-5", createdById: lead } });
  const round = await db.alignmentRound.create({
    data: {
      projectId,
      number: 1,
      parentVersionId: version.id,
      instructions: "x, revised",
      labelDescriptions: {},
      changes: [],
      corrections: 3,
      proposerModel: "claude-sonnet-4-6",
      createdById: lead,
    },
  });
  const decision = await db.decision.create({
    data: { id: crypto.randomUUID(), projectId, itemId: item.id, annotatorId: lead, action: "LABELED", value: { label: "positive" }, blind: false, seconds: 1 },
  });
  return {
    projectId,
    ids: {
      itemId: String(item.id),
      versionId: version.id,
      exportId: exp.id,
      webhookId: hook.id,
      importId: imp.id,
      runId: run.id,
      jobId: job.id,
      decisionId: decision.id,
      roundId: round.id,
      memberId: users.annotator.id,
    },
  };
}

async function call(op: Operation, who: User, fresh: Fresh): Promise<{ status: number; body: unknown; type: string }> {
  const params: Record<string, string> = { projectId: fresh.projectId };
  for (const [, name] of op.path.matchAll(/\{(\w+)\}/g)) if (name !== "projectId") params[name] = PLACEHOLDER[name] ?? fresh.ids[name] ?? "nothing-here-1";
  const url = op.path.replace(/\{(\w+)\}/g, (_, name: string) => params[name]);
  const entry = BODIES[`${op.method} ${op.path}`];
  const given = typeof entry === "function" ? entry(fresh.ids) : entry;
  const json = op.method === "GET" || op.method === "DELETE" || op.handler[ROUTE_SPEC].rawBody ? undefined : (given ?? {});
  const res = await op.handler(apiRequest(op.method, url, { bearer: who.token, json, origin: null }), routeContext(params));
  const body = res.headers.get("content-type")?.includes("application/json") ? await res.json() : null;
  return { status: res.status, body, type: (res.headers.get("content-type") ?? "").split(";")[0] };
}

describe("the API contract", () => {
  it("answers every documented operation, for every kind of caller, with a documented status", async () => {
    expect(operations.length).toBeGreaterThan(30);
    const problems: string[] = [];
    let created = 0;
    let checkedBodies = 0;
    for (const op of operations) {
      const spec = op.handler[ROUTE_SPEC];
      const inProject = op.path.includes("{projectId}");
      const fresh = inProject ? await freshProject() : { projectId: "", ids: {} };
      const name = `${op.method} ${op.path}`;
      const outsider = (await call(op, users.outsider, fresh)).status;
      const annotator = (await call(op, users.annotator, fresh)).status;
      const answer = await call(op, users.lead, fresh);
      const lead = answer.status;
      // A documented body: the answer must fit it.
      if (lead < 300 && spec.response) {
        const parsed = spec.response.safeParse(answer.body);
        if (!parsed.success)
          problems.push(
            `${name}: the body does not fit the documented response: ${parsed.error.issues
              .slice(0, 3)
              .map((i) => `${i.path.join(".")}: ${i.message}`)
              .join("; ")}`,
          );
        else checkedBodies++;
      }
      // A documented download: sent as one of the media types the document names.
      if (lead < 300 && spec.file && ![spec.file].flat().includes(answer.type))
        problems.push(`${name}: sent ${answer.type}, the document says ${[spec.file].flat().join(" or ")}`);
      for (const [who, status] of [
        ["outsider", outsider],
        ["annotator", annotator],
        ["lead", lead],
      ] as const) {
        if (!op.documented.includes(String(status)))
          problems.push(`${name}: the ${who} got ${status}, which the document does not list (${op.documented.join(", ")})`);
        if (status >= 500) problems.push(`${name}: the ${who} got ${status}`);
      }
      if (inProject && outsider !== 404) problems.push(`${name}: an outsider got ${outsider}, not 404`);
      if (spec.role === "LEAD" && annotator !== 403) problems.push(`${name}: an annotator got ${annotator} from a lead operation, not 403`);
      if (spec.role !== "LEAD" && (annotator === 401 || annotator === 403)) problems.push(`${name}: an annotator was refused (${annotator})`);
      if (lead === 401 || lead === 403) problems.push(`${name}: the lead was refused (${lead})`);
      if (BODIES[name] && lead < 300) created++;
      if (lead < 300 && lead !== (spec.successStatus ?? 200))
        problems.push(`${name}: success answered ${lead}, the document says ${spec.successStatus ?? 200}`);
    }
    expect(problems).toEqual([]);
    expect(created).toBe(Object.keys(BODIES).length); // the real bodies did create things
    // Every JSON success is documented, and (with real rows to name) nearly all are reached.
    const undocumented = operations.filter((op) => !op.handler[ROUTE_SPEC].response && !op.handler[ROUTE_SPEC].file).map((op) => `${op.method} ${op.path}`);
    expect(undocumented).toEqual([]);
    expect(checkedBodies).toBeGreaterThanOrEqual(40);
  });
});
