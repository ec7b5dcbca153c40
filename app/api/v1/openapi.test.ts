// The OpenAPI document: it lists every route on disk (through the generated registry), each with
// its description and schemas, and it is a valid OpenAPI 3.1 document.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Validator } from "@seriousme/openapi-schema-validator";
import { GET } from "@/app/api/v1/openapi.json/route";
import { apiRoutes } from "@/app/api/v1/openapi.json/api-routes";
import { GET as unknownGet, POST as unknownPost } from "@/app/api/v1/[...path]/route";

const ROOT = path.join(process.cwd(), "app", "api", "v1");
function routeDirs(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === "openapi.json" || d.name === "[...path]" ? [] : routeDirs(p);
    return d.name === "route.ts" ? [path.relative(ROOT, dir).split(path.sep).join("/")] : [];
  });
}

describe("the OpenAPI document", () => {
  it("has every route on disk (run `npm run gen:api` after adding one), each described", () => {
    const documented = new Set(apiRoutes().map((r) => r.path));
    const onDisk = routeDirs(ROOT).map((d) => `/api/v1/${d.replace(/\[(\w+)\]/g, "{$1}")}`);
    expect([...documented].sort()).toEqual([...new Set(onDisk)].sort());
    for (const r of apiRoutes()) expect(r.spec?.description?.length ?? 0, `${r.method} ${r.path} needs a description`).toBeGreaterThan(20);
  });

  it("is valid OpenAPI 3.1, with parameters and bodies from the routes' zod schemas", async () => {
    const res = GET(new Request("http://localhost:3000/api/v1/openapi.json"));
    expect(res.status).toBe(200);
    const doc = await res.json();
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 1)?.slice(0, 2000)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
    // A body schema straight from zod: the predict route's texts (1 to 1,000 strings).
    const predict = doc.paths["/api/v1/projects/{projectId}/learner/predict"].post;
    expect(predict.requestBody.content["application/json"].schema.properties.texts).toMatchObject({ type: "array", minItems: 1, maxItems: 1000 });
    expect(predict.parameters).toContainEqual(expect.objectContaining({ name: "projectId", in: "path", required: true }));
    // A query schema: the model download's `which`.
    const model = doc.paths["/api/v1/projects/{projectId}/learner/model"].get;
    expect(model.parameters).toContainEqual(
      expect.objectContaining({ name: "which", in: "query", schema: expect.objectContaining({ enum: ["gold", "distilled"] }) }),
    );
    expect(doc.servers[0].url).toBe("http://localhost:3000");
    // Reached under another name (a LAN address, a proxy that keeps the Host), the document names that host, not the one the server listens on.
    const elsewhere = await GET(new Request("http://127.0.0.1:3210/api/v1/openapi.json", { headers: { host: "goldset.internal.example:8443" } })).json();
    expect(elsewhere.servers[0].url).toBe("http://goldset.internal.example:8443");
  });

  it("answers a path no operation serves with a JSON 404 in the API's error shape", async () => {
    for (const res of [
      unknownGet(new Request("http://localhost/api/v1/no-such-thing")),
      unknownPost(new Request("http://localhost/api/v1/nope", { method: "POST" })),
    ]) {
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      // RFC 9457 problem details, with the original error object kept beside them.
      expect(await res.json()).toEqual({
        type: "about:blank",
        title: "Not Found",
        status: 404,
        detail: expect.stringContaining("/api/v1/openapi.json"),
        code: "NOT_FOUND",
        error: { code: "NOT_FOUND", message: expect.stringContaining("/api/v1/openapi.json") },
      });
    }
  });
});
