// Webhooks on a real database (PostgreSQL with DATABASE_URL, else PGlite): the URL rules (SSRF),
// the signature, the outbox triggers, delivery with retries and backoff, and the delivery log.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { correctGold } from "@/lib/gold/correct";
import os from "node:os";
import { embeddedIpv4, guardedLookup, isBlockedAddress, urlProblem } from "@/lib/webhooks/address-guard";
import { backoffSeconds, deliverDue, MAX_ATTEMPTS, post, projectsWithDueDeliveries, RETRY_SCHEDULE_SECONDS } from "@/lib/webhooks/deliver";
import { createWebhook, createWebhookSchema, getWebhook, pingWebhook, redeliverWebhook, rotateWebhookSecret, updateWebhook } from "@/lib/webhooks/hooks";
import { Webhook as StandardWebhook } from "standardwebhooks";
import { LEGACY_SIGNATURE_HEADER, legacySignatureHeader, newWebhookSecret, signedHeaders } from "@/lib/webhooks/sign";
import { createTestProject, createTestUser, leadAccess } from "@/lib/testing/factories";

describe("webhook URLs (SSRF)", () => {
  it("refuses loopback, link-local, private and reserved addresses, in every spelling", () => {
    for (const a of [
      "127.0.0.1",
      "10.1.2.3",
      "172.16.0.1",
      "172.31.255.255",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "224.0.0.1",
      "::1",
      "::",
      "fe80::1",
      "fd00::1",
      "::ffff:127.0.0.1",
      "::ffff:7f00:1",
      "64:ff9b::a00:1",
    ])
      expect([a, isBlockedAddress(a)]).toEqual([a, true]);
    for (const a of ["93.184.216.34", "8.8.8.8", "172.32.0.1", "2606:4700::1111"]) expect([a, isBlockedAddress(a)]).toEqual([a, false]);
  });

  it("refuses IPv6 forms that carry a private IPv4 address, and the server's own addresses on every interface", () => {
    // IPv4-compatible (::a.b.c.d, as WHATWG writes [::127.0.0.1]), NAT64, local-use NAT64, 6to4, Teredo.
    for (const a of [
      "::127.0.0.1",
      "::7f00:1",
      "64:ff9b::7f00:1",
      "64:ff9b::a9fe:a9fe",
      "64:ff9b:1::1",
      "2002:7f00:1::1",
      "2002:a00:1::",
      "2001:0:4136:e378::1",
    ])
      expect([a, isBlockedAddress(a)]).toEqual([a, true]);
    expect(embeddedIpv4("2002:7f00:1::1")).toBe("127.0.0.1");
    expect(embeddedIpv4("64:ff9b::a00:1")).toBe("10.0.0.1");
    expect(embeddedIpv4("::ffff:8.8.8.8")).toBe("8.8.8.8");
    // Public IPv4 addresses behind NAT64 or 6to4 stay deliverable.
    for (const a of ["64:ff9b::808:808", "2002:808:808::1"]) expect([a, isBlockedAddress(a)]).toEqual([a, false]);
    expect(urlProblem("http://[::127.0.0.1]/", false)).toMatch(/loopback/);
    expect(urlProblem("http://[64:ff9b::7f00:1]:8080/", false)).toMatch(/loopback/);
    // Every address of this machine, public or not, is the server itself.
    const own = Object.values(os.networkInterfaces()).flatMap((l) => (l ?? []).map((a) => a.address));
    expect(own.length).toBeGreaterThan(0);
    for (const a of own) expect([a, isBlockedAddress(a)]).toEqual([a, true]);
  });

  it("accepts public http(s) URLs only, unless the instance allows private receivers", () => {
    expect(urlProblem("https://hooks.example.com/goldset", false)).toBeNull();
    expect(urlProblem("ftp://example.com/", false)).toMatch(/Only http and https/);
    expect(urlProblem("file:///etc/passwd", false)).toMatch(/Only http and https/);
    expect(urlProblem("http://localhost:3000/", false)).toMatch(/not reachable/);
    expect(urlProblem("http://[::1]/", false)).toMatch(/loopback/);
    expect(urlProblem("http://169.254.169.254/latest/meta-data", false)).toMatch(/loopback, link-local or private/);
    expect(urlProblem("https://user:pw@example.com/", false)).toMatch(/credentials/);
    expect(urlProblem("http://127.0.0.1:9/", true)).toBeNull();
    expect(createWebhookSchema.safeParse({ url: "http://10.0.0.5/hook", events: ["run.finished"] }).success).toBe(false);
  });

  it("refuses at delivery a host that resolves to a private address, before connecting", async () => {
    // A public-looking name can resolve to a private address: the lookup the connection uses checks it.
    const lookup = guardedLookup(false);
    const resolved = (host: string) =>
      new Promise<string>((resolve, reject) => lookup(host, {}, (err, address) => (err ? reject(err) : resolve(String(address)))));
    await expect(resolved("localhost")).rejects.toThrow(/localhost resolves to (127\.0\.0\.1|::1), not a public address of another host/);
    expect(await new Promise((resolve) => guardedLookup(true)("localhost", {}, (_e, a) => resolve(a)))).toMatch(/^(127\.0\.0\.1|::1)$/);
    await expect(post("http://localhost./", "{}", {}, false)).rejects.toThrow(/not reachable/); // the trailing-dot spelling too
  });
});

/** What a receiver does with the official Standard Webhooks library: true when the delivery verifies. */
function verifies(secret: string, body: string, headers: Record<string, unknown>): boolean {
  const wanted = ["webhook-id", "webhook-timestamp", "webhook-signature"];
  try {
    new StandardWebhook(secret).verify(body, Object.fromEntries(wanted.map((h) => [h, String(headers[h] ?? "")])));
    return true;
  } catch {
    return false;
  }
}

describe("signatures (Standard Webhooks)", () => {
  it("verify with the official library, and fail when the body, the secret, the id or the time is wrong", () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/); // base64 of 32 bytes, as the specification's secrets are
    const body = '{"event":"ping"}';
    const now = Math.floor(Date.now() / 1000);
    const headers = signedHeaders([secret], "dlv_1", body, now);
    expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(verifies(secret, body, headers)).toBe(true);
    expect(verifies(secret, body + " ", headers)).toBe(false);
    expect(verifies(newWebhookSecret(), body, headers)).toBe(false);
    expect(verifies(secret, body, { ...headers, "webhook-id": "dlv_2" })).toBe(false);
    expect(verifies(secret, body, signedHeaders([secret], "dlv_1", body, now - 301))).toBe(false); // a replay, too late
  });

  it("sign with every secret during a rotation, so either verifies; a secret from before the scheme keeps its bytes", () => {
    const [fresh, old] = [newWebhookSecret(), newWebhookSecret()];
    const headers = signedHeaders([fresh, old], "dlv_3", "{}");
    expect(headers["webhook-signature"].split(" ")).toHaveLength(2);
    expect(verifies(fresh, "{}", headers)).toBe(true);
    expect(verifies(old, "{}", headers)).toBe(true);
    // A hook made before: whsec_ + base64url of 24 bytes. The standard library reads its bytes as base64.
    const legacy = "whsec_" + Buffer.from("0123456789abcdefghijklmn").toString("base64url").replace(/^./, "-");
    const asStandard = "whsec_" + legacy.slice(6).replace(/-/g, "+").replace(/_/g, "/");
    expect(verifies(asStandard, "{}", signedHeaders([legacy], "dlv_4", "{}"))).toBe(true);
    expect(legacySignatureHeader(legacy, "{}", 1_800_000_000)).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/);
  });

  it("space retries over about a day, with jitter", () => {
    expect(MAX_ATTEMPTS).toBe(8);
    const total = RETRY_SCHEDULE_SECONDS.reduce((a, b) => a + b, 0);
    expect(total / 3600).toBeGreaterThan(27);
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      const base = RETRY_SCHEDULE_SECONDS[attempt - 1];
      expect([backoffSeconds(attempt, 0), backoffSeconds(attempt, 0.999999)]).toEqual([Math.round(base * 0.8), Math.round(base * 1.2)]);
    }
    const draws = new Set(Array.from({ length: 50 }, () => backoffSeconds(3)));
    expect(draws.size).toBeGreaterThan(10); // not one instant for every failed delivery
  });
});

describe("delivery", () => {
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  let answers: number[] = [];
  let server: http.Server;
  let url = "";

  beforeAll(async () => {
    process.env.GOLDSET_WEBHOOKS_ALLOW_PRIVATE = "true"; // the receiver below is on this machine
    resetEnvForTests();
    server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        received.push({ headers: req.headers, body });
        res.writeHead(answers.shift() ?? 200).end("ok");
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(async () => {
    delete process.env.GOLDSET_WEBHOOKS_ALLOW_PRIVATE;
    resetEnvForTests();
    await new Promise((r) => server.close(r));
  });

  async function projectWithItem() {
    const lead = await createTestUser();
    const projectId = (await createTestProject(lead.id)).id;
    const db = await getDb();
    const item = await db.item.create({ data: { projectId, externalId: "x1", text: "hello" } });
    return { lead, projectId, item, access: await leadAccess(lead.id, projectId) };
  }

  it("sends a signed event for a gold change, written in the change's transaction, and retries a failure with backoff", async () => {
    const { projectId, item, access } = await projectWithItem();
    const hook = await createWebhook(access, { url, events: ["item.gold_changed"] });
    expect(hook.secret).toMatch(/^whsec_/);
    await correctGold(access, item.id, { label: "positive" }, "known answer");

    answers = [500];
    received.length = 0;
    expect(await deliverDue(projectId)).toBe(1);
    const db = await getDb();
    let [delivery] = (await getWebhook(access, hook.id)).deliveries;
    expect(delivery).toMatchObject({ event: "item.gold_changed", status: "PENDING", attemptCount: 1 });
    expect(delivery.attempts).toEqual([expect.objectContaining({ status: 500, error: "HTTP 500" })]);
    const waitS = (delivery.nextAttemptAt.getTime() - Date.now()) / 1000;
    expect(waitS).toBeGreaterThan(RETRY_SCHEDULE_SECONDS[0] * 0.8 - 2);
    expect(await deliverDue(projectId)).toBe(0); // not due yet

    await db.webhookDelivery.update({ where: { id: delivery.id }, data: { nextAttemptAt: new Date() } });
    expect(await deliverDue(projectId)).toBe(1);
    [delivery] = (await getWebhook(access, hook.id)).deliveries;
    expect(delivery).toMatchObject({ status: "SUCCEEDED", attemptCount: 2 });

    const last = received.at(-1)!;
    expect(last.headers["goldset-event"]).toBe("item.gold_changed");
    expect(verifies(hook.secret, last.body, last.headers)).toBe(true);
    expect(last.headers["webhook-id"]).toBe(delivery.id); // the same on every retry
    expect(last.headers[LEGACY_SIGNATURE_HEADER.toLowerCase()]).toBeUndefined(); // only hooks from before the scheme get it
    expect(JSON.parse(last.body)).toEqual({
      id: delivery.id,
      event: "item.gold_changed",
      projectId,
      createdAt: expect.any(String),
      data: { itemId: item.id, externalId: "x1", gold: { label: "positive" }, source: "CORRECTION", previous: null },
    });
  });

  it("gives up after the last attempt, and sends nothing to hooks that did not ask for the event", async () => {
    const { projectId, item, access } = await projectWithItem();
    const hook = await createWebhook(access, { url, events: ["item.gold_changed"] });
    const other = await createWebhook(access, { url, events: ["run.finished"] });
    await correctGold(access, item.id, { label: "negative" }, "first");
    const db = await getDb();
    answers = Array(MAX_ATTEMPTS).fill(503);
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await db.webhookDelivery.updateMany({ where: { webhookId: hook.id }, data: { nextAttemptAt: new Date() } });
      await deliverDue(projectId);
    }
    const [delivery] = (await getWebhook(access, hook.id)).deliveries;
    expect(delivery).toMatchObject({ status: "FAILED", attemptCount: MAX_ATTEMPTS });
    expect((delivery.attempts as unknown[]).length).toBe(MAX_ATTEMPTS);
    expect((await getWebhook(access, other.id)).deliveries).toEqual([]);
  });

  it("holds a paused hook's deliveries until it is resumed", async () => {
    const { projectId, item, access } = await projectWithItem();
    const hook = await createWebhook(access, { url, events: ["item.gold_changed"] });
    await correctGold(access, item.id, { label: "positive" }, "known answer");
    await updateWebhook(access, hook.id, { active: false });
    expect(await projectsWithDueDeliveries()).not.toContain(projectId);
    expect(await deliverDue(projectId)).toBe(0);
    await updateWebhook(access, hook.id, { active: true });
    expect(await projectsWithDueDeliveries()).toContain(projectId);
    answers = [];
    expect(await deliverDue(projectId)).toBe(1);
    expect((await getWebhook(access, hook.id)).deliveries[0].status).toBe("SUCCEEDED");
  });

  it("emits export.ready and run.finished from the status change itself, and a ping on demand", async () => {
    const { lead, projectId, access } = await projectWithItem();
    const hook = await createWebhook(access, { url, events: ["export.ready", "run.finished"] });
    const db = await getDb();
    const exp = await db.export.create({ data: { projectId, createdById: lead.id, format: "JSONL", options: {}, fileName: "x" } });
    await db.export.update({ where: { id: exp.id }, data: { status: "DONE", rowsTotal: 3, sha256: "abc" } });
    const version = await db.promptVersion.create({
      data: { projectId, number: 1, modelId: "m", strategy: "ZERO_SHOT", instructions: "", settings: {}, createdById: lead.id },
    });
    const run = await db.run.create({ data: { projectId, promptVersionId: version.id, selection: {}, concurrency: 1, createdById: lead.id } });
    await db.run.update({ where: { id: run.id }, data: { status: "RUNNING" } }); // not finished: no event
    await db.run.update({ where: { id: run.id }, data: { status: "DONE", doneItems: 1, totalItems: 1 } });
    await pingWebhook(access, hook.id);
    const events = (await getWebhook(access, hook.id)).deliveries.map((d) => d.event).sort();
    expect(events).toEqual(["export.ready", "ping", "run.finished"]);
    const ready = await db.webhookDelivery.findFirstOrThrow({ where: { webhookId: hook.id, event: "export.ready" } });
    expect(ready.payload).toMatchObject({
      exportId: exp.id,
      format: "JSONL",
      rows: 3,
      sha256: "abc",
      download: `/api/v1/projects/${projectId}/exports/${exp.id}`,
    });
  });

  it("rotates a secret with an overlap: both secrets verify a delivery until it ends, then only the new one", async () => {
    const { projectId, item, access } = await projectWithItem();
    const hook = await createWebhook(access, { url, events: ["item.gold_changed"] });
    const rotated = await rotateWebhookSecret(access, hook.id);
    expect(rotated.secret).not.toBe(hook.secret);
    await expect(rotateWebhookSecret(access, hook.id)).rejects.toMatchObject({ code: "CONFLICT" }); // the overlap is open
    await correctGold(access, item.id, { label: "positive" }, "during the overlap");
    answers = [];
    received.length = 0;
    await deliverDue(projectId);
    const during = received.at(-1)!;
    expect([verifies(rotated.secret, during.body, during.headers), verifies(hook.secret, during.body, during.headers)]).toEqual([true, true]);

    const db = await getDb();
    await db.webhook.update({ where: { id: hook.id }, data: { previousSecretUntil: new Date(Date.now() - 1000) } });
    await correctGold(access, item.id, { label: "negative" }, "after the overlap");
    await deliverDue(projectId);
    const after = received.at(-1)!;
    expect([verifies(rotated.secret, after.body, after.headers), verifies(hook.secret, after.body, after.headers)]).toEqual([true, false]);
    expect(String(after.headers["webhook-signature"]).split(" ")).toHaveLength(1);
  });

  it("sends a delivery again on request, with the same webhook-id, and keeps its log", async () => {
    const { projectId, item, access } = await projectWithItem();
    const hook = await createWebhook(access, { url, events: ["item.gold_changed"] });
    await correctGold(access, item.id, { label: "positive" }, "x");
    answers = [];
    received.length = 0;
    await deliverDue(projectId);
    const [delivered] = (await getWebhook(access, hook.id)).deliveries;
    expect(delivered.status).toBe("SUCCEEDED");
    await redeliverWebhook(access, hook.id, delivered.id);
    await expect(redeliverWebhook(access, hook.id, delivered.id)).rejects.toMatchObject({ code: "CONFLICT" }); // already on its way
    await deliverDue(projectId);
    expect(received.map((r) => r.headers["webhook-id"])).toEqual([delivered.id, delivered.id]);
    const [again] = (await getWebhook(access, hook.id)).deliveries;
    expect(again).toMatchObject({ status: "SUCCEEDED", attemptCount: 1 });
    expect(again.attempts as unknown[]).toHaveLength(2);
    await expect(redeliverWebhook(access, hook.id, "no-such-delivery")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("still sends the old Goldset-Signature to a hook whose secret predates Standard Webhooks", async () => {
    const { projectId, item, access } = await projectWithItem();
    const hook = await createWebhook(access, { url, events: ["item.gold_changed"] });
    const legacy = "whsec_" + Buffer.from("a 24-byte secret, legacy").toString("base64url");
    const db = await getDb();
    await db.webhook.update({ where: { id: hook.id }, data: { secret: legacy } });
    await correctGold(access, item.id, { label: "positive" }, "x");
    answers = [];
    received.length = 0;
    await deliverDue(projectId);
    const last = received.at(-1)!;
    const header = String(last.headers[LEGACY_SIGNATURE_HEADER.toLowerCase()]);
    const t = Number(/t=(\d+)/.exec(header)![1]);
    expect(header).toBe(legacySignatureHeader(legacy, last.body, t));
  });

  it("says item.gold_changed only when the gold's value changed, not when only its source did", async () => {
    const { projectId, item, access } = await projectWithItem();
    const hook = await createWebhook(access, { url, events: ["item.gold_changed"] });
    await correctGold(access, item.id, { label: "positive" }, "x");
    const db = await getDb();
    await db.goldLabel.update({ where: { itemId: item.id }, data: { source: "ADJUDICATION" } }); // the same label, confirmed
    expect(await db.webhookDelivery.count({ where: { webhookId: hook.id } })).toBe(1);
    await db.goldLabel.update({ where: { itemId: item.id }, data: { value: { label: "negative" } } });
    expect(await db.webhookDelivery.count({ where: { webhookId: hook.id } })).toBe(2);
    void projectId;
  });
});
