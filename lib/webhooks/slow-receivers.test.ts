// Receivers are strangers: two that never let go (one answers 200 and then drips a byte every
// second, one reads the request and never answers) while another lead's export of 10,000 rows is
// requested. The export must finish promptly, each delivery is POSTed once per attempt, and the
// lead's log says only "could not deliver" for an attempt without an HTTP status.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { startWorker, stopWorker } from "@/lib/worker";
import { stopBoss } from "@/lib/jobs/boss";
import { enqueue } from "@/lib/jobs/define";
import { exportQueue } from "@/lib/exports/job-queues";
import { createTestProject, createTestUser } from "@/lib/testing/factories";
import { reviewedProject } from "@/lib/testing/export-fixtures";
import { post } from "@/lib/webhooks/deliver";
import { elapse, waitFor } from "@/lib/testing/wait";

process.env.GOLDSET_WEBHOOKS_ALLOW_PRIVATE = "true"; // the receivers are on this machine
resetEnvForTests();

const servers: http.Server[] = [];
afterAll(async () => {
  await stopWorker();
  await stopBoss();
  for (const s of servers) s.closeAllConnections();
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

/** A receiver; `posts` counts the POSTs per delivery id. */
async function receiver(kind: "drip" | "silent") {
  const posts = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const id = String(req.headers["webhook-id"] ?? "");
    posts.set(id, (posts.get(id) ?? 0) + 1);
    req.resume();
    if (kind === "silent") return; // reads everything, answers nothing
    res.writeHead(200, { "Content-Type": "text/plain" });
    res.flushHeaders();
    const drip = setInterval(() => res.write("."), 1000);
    res.on("close", () => clearInterval(drip));
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, posts };
}

async function projectWithDeliveries(url: string, n: number) {
  const lead = await createTestUser();
  const { id: projectId } = await createTestProject(lead.id);
  const db = await getDb();
  const hook = await db.webhook.create({ data: { projectId, url, events: ["run.finished"], secret: "whsec_test", createdById: lead.id } });
  await db.webhookDelivery.createMany({
    data: Array.from({ length: n }, (_, i) => ({ webhookId: hook.id, projectId, event: "run.finished", payload: { i } })),
  });
  return { projectId, hookId: hook.id };
}

describe("slow webhook receivers", () => {
  it("answers a dripping receiver by its status line, and gives up on a silent one at the deadline", async () => {
    const drip = await receiver("drip");
    const silent = await receiver("silent");
    const t0 = Date.now();
    expect(await post(drip.url, "{}", {}, true)).toBe(200);
    expect(Date.now() - t0).toBeLessThan(1000);
    await expect(post(silent.url, "{}", {}, true, 500)).rejects.toThrow(/no answer within 0\.5 s/);
  });

  it("never stall another lead's export: 10,000 rows finish within 30 s while two receivers hold on", async () => {
    const drip = await receiver("drip");
    const silent = await receiver("silent");
    const a = await projectWithDeliveries(drip.url, 6);
    const b = await projectWithDeliveries(silent.url, 6);
    const { lead, projectId } = await reviewedProject(10_000);
    const db = await getDb();
    await startWorker();
    // Both hooks' deliveries are under way before the export is asked for.
    await waitFor("both receivers to be called", () => drip.posts.size > 0 && silent.posts.size > 0, { timeoutMs: 10_000 });
    const t0 = Date.now();
    const e = await db.export.create({ data: { projectId, createdById: lead.id, format: "JSONL", options: {}, fileName: "x.jsonl" } });
    await enqueue(exportQueue, { exportId: e.id, projectId });
    await waitFor("the export to finish", async () => (await db.export.findUniqueOrThrow({ where: { id: e.id } })).status === "DONE", { timeoutMs: 60_000 });
    const seconds = (Date.now() - t0) / 1000;
    console.log(`export of 10,000 rows finished ${seconds.toFixed(1)} s after it was requested, with two slow receivers holding on`);
    expect(seconds).toBeLessThan(30);
    // The dripping receiver's deliveries succeeded on their status line, each POSTed once.
    await waitFor(
      "the dripping receiver's six deliveries",
      async () => (await db.webhookDelivery.count({ where: { projectId: a.projectId, status: "SUCCEEDED" } })) === 6,
      {
        timeoutMs: 10_000,
      },
    );
    expect([...drip.posts.values()].every((n) => n === 1)).toBe(true);
    // A silent receiver's attempt ends at the deadline, and the log says no more than that it could not deliver.
    const tried = await waitFor(
      "the silent receiver's first attempt to end",
      () => db.webhookDelivery.findFirst({ where: { projectId: b.projectId, attemptCount: { gt: 0 } } }),
      { timeoutMs: 15_000 },
    );
    expect(tried.attempts).toEqual([expect.objectContaining({ status: null, error: "could not deliver" })]);
    expect([...silent.posts.values()].every((n) => n === 1)).toBe(true);
    // Pausing the hook ends its deliveries: nothing more is sent to it.
    await db.webhook.update({ where: { id: b.hookId }, data: { active: false } });
    const sent = [...silent.posts.values()].reduce((x, y) => x + y, 0);
    await elapse(1500); // the span in which nothing more may be sent
    expect([...silent.posts.values()].reduce((x, y) => x + y, 0)).toBeLessThanOrEqual(sent + 1); // at most the attempt already under way
  }, 120_000);
});
