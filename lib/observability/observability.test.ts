// What a self-hoster reads: JSON log lines that carry the request's or the job's id, and the
// Prometheus endpoint, for instance admins only, with jobs, the model and the API in it.
import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { createApiToken } from "@/lib/auth/api-tokens";
import { callerOf, createTestUser } from "@/lib/testing/factories";
import { apiRequest, routeContext } from "@/lib/testing/requests";
import { getInstanceSettings } from "@/lib/instance/settings";
import * as projects from "@/app/api/v1/projects/route";
import { log, logTo, withLogContext } from "@/lib/observability/log";
import { metricsResponse } from "@/lib/instance/metrics-endpoint";
import { getBoss } from "@/lib/jobs/boss";
import { defineQueue, enqueue } from "@/lib/jobs/define";
import { JobEngine } from "@/lib/jobs/engine";
import { waitFor } from "@/lib/testing/wait";

function captureLog() {
  const lines: Record<string, unknown>[] = [];
  logTo(
    new Writable({
      write: (chunk, _enc, done) => (
        lines.push(
          ...String(chunk)
            .trim()
            .split("\n")
            .map((l) => JSON.parse(l)),
        ),
        done()
      ),
    }),
  );
  return lines;
}

afterEach(() => logTo(undefined));

async function tokenFor(isAdmin: boolean, scopes: ("read" | "lead")[] = ["read"]) {
  const user = await createTestUser({ isAdmin });
  const db = await getDb();
  return (await createApiToken(callerOf(await db.user.findUniqueOrThrow({ where: { id: user.id } })), { name: "scraper", scopes, expiresInDays: null })).token;
}

const scrape = (bearer?: string) => metricsResponse(apiRequest("GET", "/api/metrics", bearer ? { bearer } : {}));

describe("logs", () => {
  it("are JSON lines carrying the context they were written in", async () => {
    const lines = captureLog();
    await withLogContext({ jobId: "job-1", queue: "export", projectId: "p1" }, async () => {
      await Promise.resolve();
      log.warn("a slow receiver", { attempt: 2 });
    });
    log.info("outside");
    expect(lines[0]).toMatchObject({ level: 40, msg: "a slow receiver", attempt: 2, jobId: "job-1", queue: "export", projectId: "p1" });
    expect(lines[1]).not.toHaveProperty("jobId");
  });

  it("give every API request an id, echoed to the caller (theirs if they sent one)", async () => {
    await getInstanceSettings();
    const token = await tokenFor(false);
    const mine = await projects.GET(apiRequest("GET", "/api/v1/projects", { bearer: token, headers: { "x-request-id": "trace-42" } }), routeContext({}));
    expect(mine.headers.get("x-request-id")).toBe("trace-42");
    const made = await projects.GET(apiRequest("GET", "/api/v1/projects", { bearer: token, headers: { "x-request-id": "not an id!" } }), routeContext({}));
    expect(made.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("tag a job's lines with its id and queue", async () => {
    const lines = captureLog();
    const boss = await getBoss();
    const queue = defineQueue({ name: "observability-test", payload: z.object({ projectId: z.string() }), send: { retryLimit: 0 } });
    let done = false;
    const engine = new JobEngine(boss, [{ queue, deadlineMs: 10_000, handle: async () => void (log.info("working"), (done = true)) }] as never[], 1, 1);
    await engine.start();
    await enqueue(queue, { projectId: "p-obs" });
    await waitFor("the job to run", () => done);
    await engine.stop(1000);
    expect(lines.find((l) => l.msg === "working")).toMatchObject({ queue: "observability-test", projectId: "p-obs", jobId: expect.any(String) });
  });
});

describe("the metrics endpoint", () => {
  it("answers instance admins only", async () => {
    expect((await scrape()).status).toBe(401);
    expect((await scrape(await tokenFor(false))).status).toBe(403);
    expect((await scrape(await tokenFor(true, ["lead"]))).status).toBe(403);
    expect((await scrape(await tokenFor(true))).status).toBe(200);
  });

  it("reports queue depth, job durations, the model and API latency", async () => {
    const boss = await getBoss();
    const queue = defineQueue({ name: "observability-depth", payload: z.object({ projectId: z.string() }), send: { retryLimit: 0 } });
    for (let i = 0; i < 3; i++) await enqueue(queue, { projectId: "p-depth" });
    await projects.GET(apiRequest("GET", "/api/v1/projects", { bearer: await tokenFor(false) }), routeContext({}));
    const res = await scrape(await tokenFor(true));
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = await res.text();
    expect(text).toMatch(/goldset_jobs\{queue="observability-depth",state="waiting"\} 3/);
    expect(text).toContain("goldset_job_duration_seconds");
    expect(text).toContain("goldset_llm_requests_total");
    expect(text).toMatch(/goldset_http_request_duration_seconds_count\{method="GET",route="[^"]+",status="200"\} \d+/);
    await boss.deleteQueue(queue.name).catch(() => {});
  });
});
