// A whole project driven through the API alone, by a client generated from the OpenAPI document
// (openapi-typescript types + openapi-fetch), as an outside team would write it: create, import,
// pre-label, review, measure, export. It is compiled with --strict in the generated-client test,
// so an answer the document leaves untyped (`task.item` on `{}`) fails the build, and it is run
// against the real route handlers, so a typed answer that is not what the API sends fails too.
// Nothing here may import from the app: only the generated types and openapi-fetch.
import createClient from "openapi-fetch";
import type { components, paths } from "./schema.gen";

type Project = components["schemas"]["Project"];
type Task = components["schemas"]["Task"];
type Metrics = components["schemas"]["Metrics"];
type Run = components["schemas"]["Run"];
type QualityByField = components["schemas"]["QualityByField"];

/** What the test does for the background workers (import, run and export jobs) between steps. */
export type Workers = { importDone(importId: string): Promise<void>; runDone(runId: string): Promise<void>; exportDone(exportId: string): Promise<void> };

export type JourneyResult = {
  project: Project;
  importedRows: number;
  run: Run;
  reviewed: number;
  metrics: Metrics;
  bySlice: QualityByField;
  exportBytes: number;
};

function ok<T>(result: { data?: T; error?: unknown; response: Response }, what: string): T {
  if (result.data === undefined) throw new Error(`${what}: HTTP ${result.response.status} ${JSON.stringify(result.error)}`);
  return result.data;
}

export async function journey(baseUrl: string, token: string, fetchImpl: typeof fetch, workers: Workers): Promise<JourneyResult> {
  const api = createClient<paths>({ baseUrl, headers: { authorization: `Bearer ${token}` }, fetch: fetchImpl });

  const created = ok(
    await api.POST("/api/v1/projects", {
      body: {
        name: "Through the API",
        taskType: "SINGLE_LABEL",
        labels: [
          { name: "spam", color: "#dc2626" },
          { name: "ham", color: "#16a34a" },
        ],
      },
    }),
    "create the project",
  );
  const projectId: string = created.id;
  const project: Project = ok(await api.GET("/api/v1/projects/{projectId}", { params: { path: { projectId } } }), "read the project");

  const file = Array.from({ length: 12 }, (_, i) => JSON.stringify({ id: `j${i}`, text: i % 2 ? `Win a prize now ${i}` : `Lunch at noon ${i}` })).join("\n");
  const upload = ok(
    await api.POST("/api/v1/projects/{projectId}/items", {
      params: { path: { projectId }, query: { format: "JSONL", fileName: "journey.jsonl" } },
      body: file as never, // a raw file body: openapi-fetch sends a string as it is
      bodySerializer: (b: unknown) => b as string,
      headers: { "content-type": "application/x-ndjson" },
    }),
    "upload",
  );
  await workers.importDone(upload.import.id);
  const imported = ok(
    await api.GET("/api/v1/projects/{projectId}/imports/{importId}", { params: { path: { projectId, importId: upload.import.id } } }),
    "read the import",
  );

  const version = ok(
    await api.POST("/api/v1/projects/{projectId}/prompts", {
      params: { path: { projectId } },
      body: { modelId: "claude-haiku-4-5", strategy: "ZERO_SHOT", instructions: "Is this message spam?", settings: {} },
    }),
    "save a prompt version",
  );
  const started: Run = ok(
    await api.POST("/api/v1/projects/{projectId}/runs", {
      params: { path: { projectId } },
      body: { promptVersionId: version.id, selection: { kind: "MISSING" } },
    }),
    "start a run",
  );
  await workers.runDone(started.id);
  const run: Run = ok(await api.GET("/api/v1/projects/{projectId}/runs/{runId}", { params: { path: { projectId, runId: started.id } } }), "read the run");

  let reviewed = 0;
  for (;;) {
    const next = ok(await api.POST("/api/v1/projects/{projectId}/review/next", { params: { path: { projectId } }, body: {} }), "next task");
    const task: Task | null = next.task;
    if (!task) break;
    // The typed task: its item's text, and a suggestion unless the item is in the blind slice.
    const guess = /prize/.test(task.item.text) ? "spam" : "ham";
    const suggested = task.suggestion?.value;
    const agrees = !task.blind && suggested !== undefined && "label" in suggested && suggested.label === guess;
    ok(
      await api.POST("/api/v1/projects/{projectId}/review/decisions", {
        params: { path: { projectId } },
        body: {
          id: crypto.randomUUID(),
          itemId: task.item.id,
          action: task.blind ? "LABELED" : agrees ? "ACCEPTED" : "CORRECTED",
          value: { label: guess },
          seconds: 2,
        },
      }),
      "decide",
    );
    reviewed++;
  }

  const metrics: Metrics = ok(await api.GET("/api/v1/projects/{projectId}/metrics", { params: { path: { projectId }, query: {} } }), "metrics");
  const accuracy: number | null | undefined = metrics.slices?.all.accuracy;
  void accuracy;
  const bySlice: QualityByField = ok(
    await api.GET("/api/v1/projects/{projectId}/metrics/slices", { params: { path: { projectId }, query: { field: "@length", on: "all" } } }),
    "quality by slice",
  );

  const exp = ok(await api.POST("/api/v1/projects/{projectId}/exports", { params: { path: { projectId } }, body: { format: "JSONL" } }), "start an export");
  await workers.exportDone(exp.export.id);
  const download = await api.GET("/api/v1/projects/{projectId}/exports/{exportId}", {
    params: { path: { projectId, exportId: exp.export.id }, query: {} },
    parseAs: "text",
  });
  if (!download.response.ok || typeof download.data !== "string") throw new Error(`download: HTTP ${download.response.status}`);

  return { project, importedRows: imported.import.rowsInserted, run, reviewed, metrics, bySlice, exportBytes: download.data.length };
}
