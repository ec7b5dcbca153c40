// npm run bench:hardening — two figures from the hardening issue, on PostgreSQL:
//  1. Oversized bodies against a real production server (`next start`, needs `npm run build`):
//     the server's resident memory before and at its peak while it is sent 100 MB JSON bodies,
//     one at a time and four at once, by a member and by someone who is not. Goal: < 10 MB more.
//  2. The items search on a project of BENCH_ITEMS (1,000,000) items with a long-tailed
//     vocabulary: p50/p95 of listItems (what GET items and the items page run) over common,
//     middling, rare and absent words, several words at once and next pages. Goal: p95 < 200 ms.
//   DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/postgres), BENCH_ITEMS, BENCH_PORT.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createBenchDatabase } from "./bench/bench-database";

const ITEMS = Number(process.env.BENCH_ITEMS ?? 1_000_000);
const PORT = Number(process.env.BENCH_PORT ?? 3890);
const BODY_BYTES = 100 * 1024 * 1024;

if (!fs.existsSync(".next/BUILD_ID")) {
  console.error("bench:hardening starts the production server: run `npm run build` first.");
  process.exit(1);
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : 0;
};

// BENCH_REUSE_DB: a database kept by an earlier run (BENCH_KEEP_DB=1): only the search is measured again.
const reuse = process.env.BENCH_REUSE_DB;
const bench = reuse ? { url: reuse, drop: async () => {} } : await createBenchDatabase();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "goldset-bench-"));
const secret = crypto.randomBytes(32).toString("hex");
const origin = `http://127.0.0.1:${PORT}`;
Object.assign(process.env, {
  DATABASE_URL: bench.url,
  GOLDSET_DATA_DIR: dataDir,
  NODE_ENV: "production",
  NEXTAUTH_URL: origin,
  NEXTAUTH_SECRET: secret,
  API_RATE_PER_MINUTE: "100000000",
});

const { closeDatabase } = await import("@/lib/db");
const { createTestProject, createTestUser, accessFor } = await import("@/lib/testing/factories");
const { sessionCookie } = await import("@/lib/testing/requests");
const { listItems } = await import("@/lib/items/queries");
const { stopBoss } = await import("@/lib/jobs/boss");

const proc: { server?: ChildProcess } = {};
try {
  const { getDb } = await import("@/lib/db");
  const kept = reuse ? await (await getDb()).membership.findFirstOrThrow({ where: { role: "LEAD" } }) : null;
  const lead = kept ? { id: kept.userId } : await createTestUser();
  const projectId = kept ? kept.projectId : (await createTestProject(lead.id)).id;
  const body = kept
    ? { beforeMb: 0, peakMb: 0, increaseMb: NaN, sent: 0 }
    : await measureBodies(projectId, await sessionCookie(lead as { id: string }), await sessionCookie(await createTestUser()));
  const search = await measureSearch(projectId, lead.id, Boolean(kept));
  const result = { body_rss_increase_mb: body.increaseMb, search_p50_ms: search.p50, search_p95_ms: search.p95, items: ITEMS };
  console.log(
    `\nbody limit: server RSS ${body.beforeMb.toFixed(1)} MB before, peak ${body.peakMb.toFixed(1)} MB while refusing ${body.sent} bodies of 100 MB (+${body.increaseMb.toFixed(1)} MB; goal < 10)`,
  );
  console.log(`items search over ${ITEMS.toLocaleString()} items: p50 ${search.p50.toFixed(1)} ms, p95 ${search.p95.toFixed(1)} ms (goal p95 < 200)`);
  console.log(JSON.stringify(result));
} finally {
  proc.server?.kill("SIGTERM");
  await stopBoss().catch(() => {});
  await closeDatabase().catch(() => {});
  if (process.env.BENCH_KEEP_DB) console.log(`kept ${bench.url}`);
  else await bench.drop().catch(() => {});
  fs.rmSync(dataDir, { recursive: true, force: true });
}

/** Resident memory of a process and its children, in MB, from /proc. */
function rssMb(pid: number): number {
  const kids = fs.existsSync(`/proc/${pid}/task/${pid}/children`)
    ? fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number)
    : [];
  const own = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
  return own + kids.reduce((s, k) => s + (fs.existsSync(`/proc/${k}/status`) ? rssMb(k) : 0), 0);
}

/** POSTs `bytes` of a JSON-looking body, streamed, without a Content-Length (so only counting can stop it). */
function postHuge(urlPath: string, cookie: string, bytes: number): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request(
      `${origin}${urlPath}`,
      { method: "POST", headers: { cookie, origin, "content-type": "application/json", "transfer-encoding": "chunked" } },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", () => resolve(-1)); // the server may close the connection once it has answered
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < bytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      req.end();
    };
    pump();
  });
}

async function measureBodies(projectId: string, member: string, stranger: string) {
  const server = (proc.server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(PORT), "-H", "127.0.0.1"], {
    env: process.env,
    stdio: "ignore",
  }));
  for (let i = 0; i < 120; i++) {
    const ok = await fetch(`${origin}/sign-in`)
      .then((r) => r.status < 500)
      .catch(() => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const pid = server.pid!;
  const next = `/api/v1/projects/${projectId}/review/next`;
  // Warm up: the routes compiled, pools open, caches filled.
  for (let i = 0; i < 20; i++)
    await fetch(`${origin}${next}`, { method: "POST", headers: { cookie: member, origin, "content-type": "application/json" }, body: "{}" });
  await new Promise((r) => setTimeout(r, 1000));
  const beforeMb = rssMb(pid);
  let peakMb = beforeMb;
  const timer = setInterval(() => (peakMb = Math.max(peakMb, rssMb(pid))), 20);
  const statuses: number[] = [];
  statuses.push(await postHuge(next, member, BODY_BYTES));
  statuses.push(await postHuge(next, stranger, BODY_BYTES));
  statuses.push(...(await Promise.all([member, stranger, member, stranger].map((c) => postHuge(next, c, BODY_BYTES)))));
  await new Promise((r) => setTimeout(r, 500));
  clearInterval(timer);
  console.log(`answers to the 100 MB bodies: ${statuses.join(", ")} (413 for the member, 404 for the stranger; -1: connection closed after the answer)`);
  if (statuses.some((s) => s !== 413 && s !== 404 && s !== -1)) throw new Error("unexpected status");
  return { beforeMb, peakMb, increaseMb: peakMb - beforeMb, sent: statuses.length };
}

async function measureSearch(projectId: string, userId: string, loaded: boolean) {
  const raw = new pg.Client({ connectionString: bench.url });
  await raw.connect();
  raw.on("error", () => {});
  if (!loaded) await load(raw, projectId);
  return runQueries(raw, projectId, userId, substrOfMd5);
}

/** The vocabulary's word of a rank: the first 4 to 8 characters of md5(rank). */
function substrOfMd5(rank: number) {
  return crypto
    .createHash("md5")
    .update(String(rank))
    .digest("hex")
    .slice(0, 4 + (rank % 5));
}

async function load(raw: pg.Client, projectId: string) {
  // A long-tailed vocabulary: 20,000 made-up words, drawn with a power law, so a few words are in
  // most items and most words in few, as in real text.
  const t = performance.now();
  await raw.query(`CREATE TEMP TABLE vocab (n int PRIMARY KEY, w text)`);
  await raw.query(`INSERT INTO vocab SELECT n, substr(md5(n::text), 1, 4 + n % 5) FROM generate_series(1, 20000) n`);
  await raw.query(`SELECT setseed(0.42)`);
  for (let done = 0; done < ITEMS; done += 100_000) {
    // Random ranks first, then the words by a join: a volatile expression cannot use vocab's index.
    await raw.query(
      `INSERT INTO "Item" ("projectId", "externalId", text, metadata, status)
       SELECT $1, 'x' || g, (SELECT string_agg(v.w, ' ') FROM (SELECT 1 + floor(power(random(), 4) * 19999)::int AS r FROM generate_series(1, 20 + ((g::bigint * 7919) % 130)::int) k) x
                             JOIN vocab v ON v.n = x.r), '{}', 'NEW'
       FROM generate_series($2::int + 1, $2::int + least(100000, $3::int - $2::int)) g`,
      [projectId, done, ITEMS],
    );
  }
  await raw.query(`VACUUM ANALYZE "Item"`);
  console.log(`loaded ${ITEMS.toLocaleString()} items in ${((performance.now() - t) / 1000).toFixed(0)} s`);
}

async function runQueries(raw: pg.Client, projectId: string, userId: string, word: (rank: number) => string) {
  const queries: { name: string; q: string }[] = [];
  for (const rank of [1, 2, 5]) queries.push({ name: `common word (rank ${rank})`, q: word(rank) });
  for (const rank of [50, 200, 1000, 2000]) queries.push({ name: `middling word (rank ${rank})`, q: word(rank) });
  for (const rank of [5000, 15000, 19999]) queries.push({ name: `rare word (rank ${rank})`, q: word(rank) });
  queries.push({ name: "absent word", q: "qqzzyx" });
  queries.push({ name: "two common words", q: `${word(1)} ${word(3)}` });
  queries.push({ name: "common and rare word", q: `${word(2)} ${word(12000)}` });
  queries.push({ name: "three middling words", q: `${word(100)} ${word(300)} ${word(700)}` });
  queries.push({ name: "part of a word", q: word(40).slice(0, 3) });
  await raw.end();

  const access = await accessFor(userId, projectId);
  const times: number[] = [];
  for (let round = 0; round < 6; round++) {
    for (const { name, q } of queries) {
      let s = performance.now();
      const first = await listItems(access, { q });
      const ms = performance.now() - s;
      if (round) times.push(ms);
      if (round === 1) console.log(`  ${name.padEnd(26)} ${String(first.items.length).padStart(2)} items, ${ms.toFixed(1)} ms`);
      if (first.nextAfter) {
        s = performance.now();
        await listItems(access, { q, after: first.nextAfter });
        if (round) times.push(performance.now() - s);
      }
    }
  }
  return { p50: pct(times, 50), p95: pct(times, 95) };
}
