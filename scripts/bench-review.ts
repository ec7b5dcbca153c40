// npm run bench:review — the review queue under load, on PostgreSQL: 100,000 items with
// suggestions, 20 simulated annotators doing claim + submit for 60 seconds through the same lib
// functions the route handlers call (nextForReview for POST review/next, submitDecision for POST
// review/decisions; the handlers add only session parsing and JSON). A second project of the same
// size starts 90% reviewed; the annotators alternate between the two, to compare "next item"
// latency late in a queue with early under the same machine load.
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
Object.assign(process.env, {
  DATABASE_URL: url.toString(),
  GOLDSET_DATA_DIR: dataDir,
  NODE_ENV: "production",
  NEXTAUTH_URL: "http://localhost:3000",
  NEXTAUTH_SECRET: crypto.randomBytes(32).toString("hex"),
});

const { getDb, closeDatabase } = await import("@/lib/db");
const { nextForReview } = await import("@/lib/reviews/queries");
const { submitDecision } = await import("@/lib/reviews/submit-decision");
const { createTestProject, createTestUser, addMember, accessFor } = await import("@/lib/testing/factories");

try {
  const db = await getDb();
  const lead = await createTestUser();
  const raw = new pg.Client({ connectionString: url.toString() });
  await raw.connect();
  raw.on("error", () => {}); // the database is dropped under it at the end
  const people: { id: string }[] = [];
  for (let i = 0; i < ANNOTATORS; i++) people.push(await createTestUser());

  /** A project of ITEMS items with suggestions, the annotators as members. */
  async function loadProject() {
    const { id: projectId } = await createTestProject(lead.id);
    await db.project.update({ where: { id: projectId }, data: { blindShare: 0.1 } });
    const version = await db.promptVersion.create({
      data: { projectId, number: 1, modelId: "claude-haiku-4-5", strategy: "ZERO_SHOT", instructions: "x", settings: {}, createdById: lead.id },
    });
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
    for (const u of people) await addMember(projectId, u.id, "ANNOTATOR");
    return projectId;
  }

  console.log(`loading two projects of ${ITEMS.toLocaleString()} items with suggestions …`);
  const early = await loadProject();
  const late = await loadProject();
  // The late project jumps to 90% reviewed: the lowest-randKey 90% of its items (those the random
  // order reaches first) are marked reviewed.
  await raw.query(
    `UPDATE "Item" SET "reviewCount" = 1, "inQueue" = false, status = 'REVIEWED' WHERE id IN (
       SELECT id FROM "Item" WHERE "projectId" = $1 ORDER BY "randKey" LIMIT $2)`,
    [late, Math.round(ITEMS * 0.9)],
  );
  // As autovacuum would have done long before anyone reviews an import, or over the days a queue
  // takes to reach 90% (one UPDATE of 90,000 rows leaves as many dead entries in the queue index).
  await raw.query(`VACUUM ANALYZE`);
  await raw.end();

  type Sample = { next: number[]; submit: number[]; seconds: number };
  const sample = (seconds: number): Sample => ({ next: [], submit: [], seconds });

  /**
   * Every annotator claims and submits, back to back, for `seconds`, in the project `at(elapsed)`
   * names; each request counts for the project it went to. Annotators switch projects between
   * their own cycles, so a switch never makes them all start at the same instant.
   */
  async function run(seconds: number, at: (elapsed: number) => { projectId: string; into: Sample }, annotators = people) {
    const start = performance.now();
    await Promise.all(
      annotators.map(async (u) => {
        for (let elapsed = 0; elapsed < seconds * 1000; elapsed = performance.now() - start) {
          const { projectId, into } = at(elapsed);
          let t = performance.now();
          // As the route does: the boundary resolves access (membership and settings) on every request.
          const { task } = await nextForReview(await accessFor(u.id, projectId, { role: "ANNOTATOR", writes: true }));
          into.next.push(performance.now() - t);
          if (!task) return;
          const value = { label: Math.random() < 0.8 ? ((task.suggestion?.value as { label: string } | undefined)?.label ?? "positive") : "negative" };
          t = performance.now();
          const access = await accessFor(u.id, projectId, { role: "ANNOTATOR", writes: true });
          await submitDecision(access, { id: crypto.randomUUID(), itemId: task.item.id, action: "LABELED", value, seconds: 3 });
          into.submit.push(performance.now() - t);
        }
      }),
    );
  }

  function report(label: string, s: Sample) {
    const out = {
      claimsPerS: s.next.length / s.seconds,
      next50: pct(s.next, 50),
      next95: pct(s.next, 95),
      next99: pct(s.next, 99),
      sub50: pct(s.submit, 50),
      sub95: pct(s.submit, 95),
      sub99: pct(s.submit, 99),
    };
    console.log(
      `${label}: ${out.claimsPerS.toFixed(1)} claims/s; next item p50/p95/p99 ${out.next50.toFixed(1)}/${out.next95.toFixed(1)}/${out.next99.toFixed(1)} ms; submit p50/p95/p99 ${out.sub50.toFixed(1)}/${out.sub95.toFixed(1)}/${out.sub99.toFixed(1)} ms`,
    );
    return out;
  }

  // One annotator alone first (also warms up): each request's service time, without queueing.
  const alone = sample(5);
  await run(5, () => ({ projectId: early, into: alone }), people.slice(0, 1));
  report("one annotator alone", alone);
  // Then the 20 annotators, alternating between the two queues in slices (10 s at the start of a
  // queue, 3.3 s at 90%: its 10,000 open items must last) so that this machine's load swings fall
  // on both alike.
  const atStart = sample(SECONDS);
  const at90 = sample(SECONDS / 3);
  const SLICE_MS = 10_000;
  await run((SECONDS * 4) / 3, (elapsed) =>
    elapsed % (SLICE_MS * (4 / 3)) < SLICE_MS ? { projectId: early, into: atStart } : { projectId: late, into: at90 },
  );
  const e = report("queue at its start", atStart);
  const l = report("queue 90% reviewed", at90);
  const result = {
    claims_per_s: Number(e.claimsPerS.toFixed(1)),
    next_p95_ms: Number(e.next95.toFixed(1)),
    submit_p95_ms: Number(e.sub95.toFixed(1)),
    late_early_ratio: Number((l.next95 / e.next95).toFixed(3)),
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
