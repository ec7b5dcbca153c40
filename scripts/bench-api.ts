// bench:api: the /api/v1 list endpoints on a 1,000,000-item project in PostgreSQL (BENCH_ITEMS),
// called through their route handlers with an API token (authentication included), as a script
// would: the first page and a page deep into the list, with and without filters. Prints each
// endpoint's p50/p95 over 40 calls and, last, {"list_p95_ms_max": N, "endpoints": N}: goal under
// 100 ms. The project list's opt-in item counts are printed apart (a full index scan per project).
import fs from "node:fs";
import pg from "pg";
import { benchEnvironment } from "./bench/bench-database";

const ITEMS = Number(process.env.BENCH_ITEMS ?? 1_000_000);
const CALLS = 40;

const { bench, dataDir } = await benchEnvironment({
  API_RATE_PER_MINUTE: "100000000",
});
const { getDb, closeDatabase } = await import("@/lib/db");
const { createTestProject, createTestUser, addMember, callerOf } = await import("@/lib/testing/factories");
const { createApiToken } = await import("@/lib/auth/api-tokens");
const { apiRequest, routeContext } = await import("@/lib/testing/requests");
const routes = {
  items: await import("@/app/api/v1/projects/[projectId]/items/route"),
  decisions: await import("@/app/api/v1/projects/[projectId]/decisions/route"),
  projects: await import("@/app/api/v1/projects/route"),
  runs: await import("@/app/api/v1/projects/[projectId]/runs/route"),
  prompts: await import("@/app/api/v1/projects/[projectId]/prompts/route"),
  members: await import("@/app/api/v1/projects/[projectId]/members/route"),
  adjudications: await import("@/app/api/v1/projects/[projectId]/adjudications/route"),
  exports: await import("@/app/api/v1/projects/[projectId]/exports/route"),
  imports: await import("@/app/api/v1/projects/[projectId]/imports/route"),
};

let worst = 0;
let endpoints = 0;
try {
  const db = await getDb();
  const lead = await createTestUser();
  const annotator = await createTestUser();
  const { id: projectId } = await createTestProject(lead.id);
  await addMember(projectId, annotator.id, "ANNOTATOR");
  const v = await db.promptVersion.create({
    data: { projectId, number: 1, modelId: "claude-haiku-4-5", strategy: "ZERO_SHOT", instructions: "x", settings: {}, createdById: lead.id },
  });
  const raw = new pg.Client({ connectionString: bench.url });
  await raw.connect();
  raw.on("error", () => {});
  const t0 = performance.now();
  // Every item suggested; every tenth reviewed by the annotator, its decision gold.
  await raw.query(
    `INSERT INTO "Item" ("projectId", "externalId", text, status, "reviewCount", "inQueue", blind, "suggestionConfidence")
     SELECT $1, 'a' || g, 'Item number ' || g || ' about ' || md5(g::text), CASE WHEN g % 10 = 0 THEN 'REVIEWED' ELSE 'PRELABELED' END::"ItemStatus",
            (g % 10 = 0)::int, g % 10 <> 0, CASE WHEN g % 10 = 0 THEN g % 20 = 0 END, round(random()::numeric, 3)::float8
     FROM generate_series(1, $2) g`,
    [projectId, ITEMS],
  );
  await raw.query("SET session_replication_role = replica");
  await raw.query(
    `INSERT INTO "Suggestion" (id, "projectId", "itemId", "promptVersionId", status, value, confidence, "confidenceSource", model)
     SELECT 's' || i.id, $1, i.id, $2, 'OK', '{"label":"positive"}'::jsonb, i."suggestionConfidence", 'SELF_REPORTED', 'claude-haiku-4-5' FROM "Item" i WHERE i."projectId" = $1`,
    [projectId, v.id],
  );
  await raw.query(
    `INSERT INTO "Decision" (id, "projectId", "itemId", "annotatorId", action, value, blind, seconds, "createdAt", "updatedAt")
     SELECT 'd' || i.id, $1, i.id, $2, 'ACCEPTED', '{"label":"positive"}'::jsonb, coalesce(i.blind, false), 3, now() - (i.id || ' seconds')::interval, now()
     FROM "Item" i WHERE i."projectId" = $1 AND i.status = 'REVIEWED'`,
    [projectId, annotator.id],
  );
  await raw.query(
    `INSERT INTO "GoldLabel" ("itemId", "projectId", value, source, blind, "updatedAt")
     SELECT id, $1, '{"label":"positive"}'::jsonb, 'SINGLE_REVIEW', coalesce(blind, false), now() FROM "Item" WHERE "projectId" = $1 AND status = 'REVIEWED'`,
    [projectId],
  );
  await raw.query("SET session_replication_role = DEFAULT");
  await raw.query("VACUUM ANALYZE");
  console.log(`loaded ${ITEMS.toLocaleString()} items, ${(ITEMS / 10).toLocaleString()} decisions in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const user = await db.user.findUniqueOrThrow({ where: { id: lead.id } });
  const { token } = await createApiToken(callerOf(user), { name: "bench", scopes: ["read"], expiresInDays: null });
  const [{ mid }] = (await raw.query(`SELECT (min(id) + max(id)) / 2 AS mid FROM "Item" WHERE "projectId" = $1`, [projectId])).rows;
  type Handler = (req: Request, ctx: ReturnType<typeof routeContext>) => Promise<Response>;
  // A deep decisions page: follow `next` up to 20 pages in, then time that page.
  let deepDecisions = `/api/v1/projects/${projectId}/decisions?annotator=${annotator.id}&limit=100`;
  for (let i = 0; i < 20; i++) {
    const res = await routes.decisions.GET(apiRequest("GET", deepDecisions, { bearer: token }), routeContext({ projectId }));
    const next = ((await res.json()) as { next: string | null }).next;
    if (!next) break;
    deepDecisions = next;
  }
  const cases: [string, Handler, string][] = [
    ["items, first page", routes.items.GET, `/api/v1/projects/${projectId}/items`],
    ["items, mid-list page", routes.items.GET, `/api/v1/projects/${projectId}/items?after=${mid}`],
    ["items, reviewed only", routes.items.GET, `/api/v1/projects/${projectId}/items?status=REVIEWED&after=${mid}`],
    ["items, by confidence", routes.items.GET, `/api/v1/projects/${projectId}/items?minConf=90`],
    ["items, search", routes.items.GET, `/api/v1/projects/${projectId}/items?q=number+about`],
    ["decisions by annotator", routes.decisions.GET, `/api/v1/projects/${projectId}/decisions?annotator=${annotator.id}&limit=100`],
    ["decisions, deep page", routes.decisions.GET, deepDecisions],
    ["projects", routes.projects.GET, `/api/v1/projects`],
    // Opt-in and not a list cost: printed, left out of the goal's maximum.
    ["projects with counts", routes.projects.GET, `/api/v1/projects?counts=true`],
    ["runs", routes.runs.GET, `/api/v1/projects/${projectId}/runs`],
    ["prompts", routes.prompts.GET, `/api/v1/projects/${projectId}/prompts`],
    ["members", routes.members.GET, `/api/v1/projects/${projectId}/members`],
    ["adjudications", routes.adjudications.GET, `/api/v1/projects/${projectId}/adjudications`],
    ["exports", routes.exports.GET, `/api/v1/projects/${projectId}/exports`],
    ["imports", routes.imports.GET, `/api/v1/projects/${projectId}/imports`],
  ];
  for (const [name, handler, url] of cases) {
    const times: number[] = [];
    for (let i = 0; i < CALLS + 3; i++) {
      const t = performance.now();
      const res = await handler(apiRequest("GET", url, { bearer: token }), routeContext({ projectId }));
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${name}: ${res.status}`);
      if (i >= 3) times.push(performance.now() - t); // three warm-up calls
    }
    times.sort((a, b) => a - b);
    const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
    console.log(`${name.padEnd(24)} p50 ${p(0.5).toFixed(1)} ms, p95 ${p(0.95).toFixed(1)} ms`);
    if (!url.includes("counts=true")) {
      worst = Math.max(worst, p(0.95));
      endpoints++;
    }
  }
  await raw.end();
} finally {
  await closeDatabase();
  await bench.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
console.log(JSON.stringify({ list_p95_ms_max: Number(worst.toFixed(1)), endpoints }));
