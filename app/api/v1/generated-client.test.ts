// The OpenAPI document as its users meet it: redocly's recommended-strict ruleset passes, the
// TypeScript client openapi-typescript generates from it is the one committed (so the document
// cannot drift silently), a whole journey written against that client compiles under --strict,
// and the journey runs against the real route handlers (create, import, pre-label, review,
// metrics, export) with every answer arriving as the types say.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { createApiToken } from "@/lib/auth/api-tokens";
import { getInstanceSettings } from "@/lib/instance/settings";
import { openApiDocument } from "@/lib/api/openapi";
import { apiRoutes } from "@/app/api/v1/openapi.json/api-routes";
import { API_ROUTE_MODULES } from "@/app/api/v1/openapi.json/registry";
import type { RouteHandler } from "@/lib/auth/route";
import { callerOf, createTestUser } from "@/lib/testing/factories";
import { generatedClientTypes, GENERATED_TYPES_FILE } from "@/lib/testing/api-client/generate";
import { journey } from "@/lib/testing/api-client/journey";
import { startFakeLlm } from "@/lib/testing/llm-fixtures";
import type { FakeAnthropic } from "@/lib/testing/fake-anthropic/server";
import { runImport } from "@/lib/imports/run-import";
import { processRun } from "@/lib/testing/process-run";
import { runExport } from "@/lib/exports/run-export";

const BIN = (name: string) => path.join(process.cwd(), "node_modules", ".bin", name);

/** A fetch that hands each request to the route module serving its path, as Next would. */
function inProcessFetch(): typeof fetch {
  const routes = API_ROUTE_MODULES.map(({ dir, module }) => {
    const names: string[] = [];
    const pattern = new RegExp(`^/api/v1/${dir.replace(/\[(\w+)\]/g, (_, n: string) => (names.push(n), "([^/]+)"))}$`);
    return { pattern, names, module: module as Record<string, RouteHandler | undefined> };
  });
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = input instanceof Request ? input : new Request(input, init);
    const { pathname } = new URL(req.url);
    for (const r of routes) {
      const m = r.pattern.exec(pathname);
      const handler = m && r.module[req.method];
      if (m && handler) return handler(req, { params: Promise.resolve(Object.fromEntries(r.names.map((n, i) => [n, decodeURIComponent(m[i + 1])]))) });
    }
    return new Response(JSON.stringify({ error: { code: "NOT_FOUND", message: pathname } }), { status: 404 });
  }) as typeof fetch;
}

let fake: FakeAnthropic;
beforeAll(async () => {
  fake = await startFakeLlm({ retryAfterSeconds: 0 });
});
afterAll(async () => {
  await fake.stop();
});

describe("the OpenAPI document, as a client generator sees it", () => {
  it("passes redocly lint with the recommended-strict rules", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "openapi-"));
    fs.writeFileSync(path.join(dir, "openapi.json"), JSON.stringify(openApiDocument(apiRoutes(), "https://goldset.acme.dev")));
    fs.writeFileSync(path.join(dir, "redocly.yaml"), "extends:\n  - recommended-strict\n");
    let output = "";
    try {
      output = execFileSync(BIN("redocly"), ["lint", "openapi.json", "--config", "redocly.yaml", "--format", "stylish"], {
        cwd: dir,
        encoding: "utf8",
        stdio: "pipe",
      });
    } catch (err) {
      const e = err as { stdout?: string; stderr?: string };
      throw new Error(`redocly lint failed:\n${e.stdout ?? ""}${e.stderr ?? ""}`);
    }
    expect(output + "").not.toMatch(/error/i);
  }, 60_000);

  it("generates the client types that are committed (run `npm run gen:client` after changing the API)", async () => {
    expect(fs.readFileSync(GENERATED_TYPES_FILE, "utf8")).toBe(await generatedClientTypes());
  }, 60_000);

  it("types the journey's client under --strict: the answers that matter have real types", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "journey-"));
    const config = {
      compilerOptions: {
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        target: "es2022",
        module: "esnext",
        moduleResolution: "bundler",
        lib: ["es2022", "dom"],
        types: [],
        typeRoots: [path.join(process.cwd(), "node_modules/@types")],
      },
      files: [path.join(process.cwd(), "lib/testing/api-client/journey.ts")],
    };
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(config));
    try {
      execFileSync(BIN("tsc"), ["-p", path.join(dir, "tsconfig.json")], { encoding: "utf8", stdio: "pipe" });
    } catch (err) {
      throw new Error(`the generated client's journey does not compile:\n${(err as { stdout?: string }).stdout ?? ""}`);
    }
  }, 120_000);

  it("drives a project from creation to export through the generated client alone", async () => {
    await getInstanceSettings();
    const user = await createTestUser({ isAdmin: true });
    const db = await getDb();
    const { token } = await createApiToken(callerOf(await db.user.findUniqueOrThrow({ where: { id: user.id } })), {
      name: "journey",
      scopes: ["read", "review", "lead"],
      expiresInDays: null,
    });
    const result = await journey("http://localhost:3000", token, inProcessFetch(), {
      importDone: async (id) => void (await runImport(id)),
      runDone: async (id) => void (await processRun(id)),
      exportDone: async (id) => void (await runExport(id)),
    });
    expect(result.project.labels.map((l) => l.name)).toEqual(["spam", "ham"]);
    expect(result.importedRows).toBe(12);
    expect(result.run).toMatchObject({ status: "DONE", doneItems: 12, failedItems: 0 });
    expect(result.reviewed).toBe(12);
    expect(result.metrics.slices?.all.n).toBe(12);
    // Quality by slice: every gold item lands in one length slice, and the blind make-up is reported.
    expect(result.bySlice.model?.slices.reduce((sum, s) => sum + s.n, 0)).toBe(12);
    expect(result.bySlice.fields.map((f) => f.key)).toContain("@length");
    expect(result.exportBytes).toBeGreaterThan(0);
  }, 120_000);
});
