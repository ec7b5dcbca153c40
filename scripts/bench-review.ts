// npm run bench:review — the review queue under load, on PostgreSQL: 100,000 items with
// suggestions, 20 simulated annotators doing claim + submit for 60 seconds through the same lib
// functions the route handlers call (claimNextItem, submitDecision; the handlers add only session
// parsing and JSON). Then 90% of the items are marked reviewed and it runs again for 20 seconds,
// to compare "next item" latency late in the queue with early.
//   DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/postgres), BENCH_ITEMS (100000),
//   BENCH_ANNOTATORS (20), BENCH_SECONDS (60).
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createBenchDatabase } from "./bench/bench-database";

const ITEMS = Number(process.env.BENCH_ITEMS ?? 100_000);
const ANNOTATORS = Number(process.env.BENCH_ANNOTATORS ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);


const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : 0;
};

const bench = await createBenchDatabase();
const url = new URL(bench.url);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "goldset-bench-"));
Object.assign(process.env, { DATABASE_URL: url.toString(), GOLDSET_DATA_DIR: dataDir, NODE_ENV: "production", NEXTAUTH_SECRET: crypto.randomBytes(32).toString("hex") });

const { getDb, closeDatabase } = await import("@/lib/db");
const { claimNextItem } = await import("@/lib/reviews/claim-next");
const { submitDecision } = await import("@/lib/reviews/submit-decision");
const { createTestProject, createTestUser, addMember } = await import("@/lib/testing/factories");

try {
  const db = await getDb();
  const lead = await createTestUser();
  const { id: projectId } = await createTestProject(lead.id);
  await db.project.update({ where: { id: projectId }, data: { blindShare: 0.1 } });
  const version = await db.promptVersion.create({ data: { projectId, number: 1, modelId: "claude-haiku-4-5", strategy: "ZERO_SHOT", instructions: "x", settings: {}, createdById: lead.id } });
  const raw = new pg.Client({ connectionString: url.toString() });
  await raw.connect();
  raw.on("error", () => {}); // the database is dropped under it at the end
  console.log(`loading ${ITEMS.toLocaleString()} items with suggestions …`);
  await raw.query(
    `INSERT INTO "Item" ("projectId", "externalId", text, status, "suggestionConfidence")
     SELECT $1, 'b' || g, 'Review text number ' || g || ' ' || repeat('lorem ipsum ', 20), 'PRELABELED', random() FROM generate_series(1, $2) g`,
    [projectId, ITEMS],
  );
  await raw.query(
    `INSERT INTO "Suggestion" (id, "projectId", "itemId", "promptVersionId", status, value, confidence, "confidenceSource", model)
     SELECT gen_random_uuid()::text, $1, id, $2, 'OK', jsonb_build_object('label', CASE WHEN id % 2 = 0 THEN 'positive' ELSE 'negative' END), 0.8, 'SELF_REPORTED', 'm'
     FROM "Item" WHERE "projectId" = $1`,
    [projectId, version.id],
  );
  await raw.query(`ANALYZE`);
  const people: { id: string }[] = [];
  for (let i = 0; i < ANNOTATORS; i++) {
    const u = await createTestUser();
    await addMember(projectId, u.id, "ANNOTATOR");
    people.push(u);
  }

  async function phase(label: string, seconds: number) {
    const next: number[] = [];
    const submit: number[] = [];
    const until = performance.now() + seconds * 1000;
    await Promise.all(
      people.map(async (u) => {
        while (performance.now() < until) {
          let t = performance.now();
          const task = await claimNextItem({ userId: u.id, projectId });
          next.push(performance.now() - t);
          if (!task) return;
          const value = { label: Math.random() < 0.8 ? ((task.suggestion?.value as { label: string } | undefined)?.label ?? "positive") : "negative" };
          t = performance.now();
          await submitDecision({ userId: u.id, projectId, input: { id: crypto.randomUUID(), itemId: task.item.id, action: "LABELED", value, seconds: 3 } });
          submit.push(performance.now() - t);
        }
      }),
    );
    const out = { claimsPerS: next.length / seconds, next50: pct(next, 50), next95: pct(next, 95), next99: pct(next, 99), sub50: pct(submit, 50), sub95: pct(submit, 95), sub99: pct(submit, 99) };
    console.log(
      `${label}: ${out.claimsPerS.toFixed(1)} claims/s; next item p50/p95/p99 ${out.next50.toFixed(1)}/${out.next95.toFixed(1)}/${out.next99.toFixed(1)} ms; submit p50/p95/p99 ${out.sub50.toFixed(1)}/${out.sub95.toFixed(1)}/${out.sub99.toFixed(1)} ms`,
    );
    return out;
  }

  const early = await phase("queue at its start", SECONDS);
  // Jump to 90% reviewed: mark the lowest-randKey 90% of the still-open items as reviewed.
  const open = Number((await raw.query(`SELECT count(*) FROM "Item" WHERE "projectId" = $1 AND "inQueue"`, [projectId])).rows[0].count);
  await raw.query(
    `UPDATE "Item" SET "reviewCount" = 1, "inQueue" = false, status = 'REVIEWED' WHERE id IN (
       SELECT id FROM "Item" WHERE "projectId" = $1 AND "inQueue" ORDER BY "randKey" LIMIT $2)`,
    [projectId, Math.max(0, open - Math.round(ITEMS * 0.1))],
  );
  await raw.query(`ANALYZE "Item"`);
  await raw.end();
  const late = await phase("queue 90% reviewed", Math.max(10, Math.round(SECONDS / 3)));
  const result = {
    claims_per_s: Number(early.claimsPerS.toFixed(1)),
    next_p95_ms: Number(early.next95.toFixed(1)),
    submit_p95_ms: Number(early.sub95.toFixed(1)),
    late_early_ratio: Number((late.next95 / early.next95).toFixed(3)),
  };
  console.log(`goals: next p95 <= 50 ms, submit p95 <= 75 ms, late/early <= 1.5`);
  console.log(JSON.stringify(result));
} catch (err) {
  console.error(err);
  process.exitCode = 1;
} finally {
  await closeDatabase();
  await bench.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
