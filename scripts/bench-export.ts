// npm run bench:export — metrics and exports at scale, on PostgreSQL: a project of 1,000,000 items
// with suggestions, gold (10% blind) and one decision each, and one of 100,000. Prints the metrics
// computation time (projectMetrics, what the Quality page calls: the median of three runs after a
// warm-up), JSONL and CSV export rows/s, and the exporter's peak RSS (its own process, the
// worker's 192 MB old-space cap) at 100,000 vs 1,000,000 rows.
// DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/postgres), BENCH_ITEMS; BENCH_ONLY_LOAD=1
// loads the projects and stops, keeping the database to study query plans in.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import pg from "pg";
import { benchEnvironment } from "./bench/bench-database";

const ITEMS = Number(process.env.BENCH_ITEMS ?? 1_000_000);
const SMALL = Math.round(ITEMS / 10);

const { bench, dataDir } = await benchEnvironment();
const { getDb, closeDatabase } = await import("@/lib/db");
const { projectMetrics } = await import("@/lib/metrics/queries");
const { createTestProject, createTestUser, leadAccess } = await import("@/lib/testing/factories");

try {
  const db = await getDb();
  const lead = await createTestUser();
  const raw = new pg.Client({ connectionString: bench.url });
  await raw.connect();
  raw.on("error", () => {});

  async function loadProject(n: number) {
    const { id: projectId } = await createTestProject(lead.id);
    const v = await db.promptVersion.create({
      data: { projectId, number: 1, modelId: "claude-haiku-4-5", strategy: "ZERO_SHOT", instructions: "x", settings: {}, createdById: lead.id },
    });
    const t = performance.now();
    await raw.query(
      `INSERT INTO "Item" ("projectId", "externalId", text, metadata, status, "reviewCount", "inQueue", "suggestionConfidence")
       SELECT $1, 'b' || g, 'Review text number ' || g || ' ' || repeat('lorem ipsum ', 20), jsonb_build_object('source', 'bench', 'n', g), 'REVIEWED', 1, false, 0.5 + random() / 2
       FROM generate_series(1, $2) g`,
      [projectId, n],
    );
    // Every tenth item blind (LABELED, no suggestion), else every seventh CORRECTED, else
    // ACCEPTED; gold is the decision. Decisions and gold go in first, with triggers off (a
    // restore's way), and the suggestions last, carrying the gold copy and decision counts the
    // triggers keep: triggered, each bulk statement would rewrite every suggestion row, leaving a
    // table twice its size that organic reviews, one HOT update at a time, do not produce.
    // The counts and copies are checked against a recount below.
    await raw.query("SET session_replication_role = replica");
    await raw.query(
      `INSERT INTO "Decision" (id, "projectId", "itemId", "annotatorId", action, value, blind, "suggestionId", seconds, "updatedAt")
       SELECT 'd' || id, $1, id, $2, (CASE WHEN id % 10 = 0 THEN 'LABELED' WHEN id % 7 = 0 THEN 'CORRECTED' ELSE 'ACCEPTED' END)::"DecisionAction",
              jsonb_build_object('label', CASE WHEN (id % 2 = 0) <> (id % 7 = 0) THEN 'positive' ELSE 'negative' END), id % 10 = 0,
              CASE WHEN id % 10 = 0 THEN NULL ELSE 's' || id END, 2 + id % 9, now()
       FROM "Item" WHERE "projectId" = $1`,
      [projectId, lead.id],
    );
    await raw.query(
      `INSERT INTO "GoldLabel" ("itemId", "projectId", value, source, blind, "updatedAt")
       SELECT "itemId", $1, value, 'SINGLE_REVIEW', blind, now() FROM "Decision" WHERE "projectId" = $1`,
      [projectId],
    );
    await raw.query(
      `INSERT INTO "Suggestion" (id, "projectId", "itemId", "promptVersionId", status, value, confidence, "confidenceSource", model, "inputTokens", "outputTokens", "costUsd",
                                 "goldValue", "goldBlind", "acceptedCount", "correctedCount")
       SELECT 's' || i.id, $1, i.id, $2, 'OK', jsonb_build_object('label', CASE WHEN i.id % 2 = 0 THEN 'positive' ELSE 'negative' END), i."suggestionConfidence",
              'SELF_REPORTED', 'claude-haiku-4-5', 300, 20, 0.0004, g.value, g.blind, (d.action = 'ACCEPTED')::int, (d.action = 'CORRECTED')::int
       FROM "Item" i JOIN "GoldLabel" g ON g."itemId" = i.id JOIN "Decision" d ON d."itemId" = i.id
       WHERE i."projectId" = $1 ORDER BY i.id`,
      [projectId, v.id],
    );
    await raw.query("SET session_replication_role = DEFAULT");
    console.log(`loaded ${n.toLocaleString()} items with suggestions, decisions and gold in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    return projectId;
  }

  const big = await loadProject(ITEMS);
  const small = await loadProject(SMALL);
  await raw.query("VACUUM ANALYZE");
  // The loader set the suggestions' gold copies and decision counts itself; check them.
  const { rows: miscounted } = await raw.query(
    `SELECT count(*)::int AS n FROM "Suggestion" s
     LEFT JOIN "GoldLabel" g ON g."itemId" = s."itemId"
     LEFT JOIN (SELECT "suggestionId" AS id, count(*) FILTER (WHERE action = 'ACCEPTED') AS a, count(*) FILTER (WHERE action = 'CORRECTED') AS c FROM "Decision" GROUP BY 1) d ON d.id = s.id
     WHERE s."acceptedCount" <> coalesce(d.a, 0) OR s."correctedCount" <> coalesce(d.c, 0) OR s."goldValue" IS DISTINCT FROM g.value OR s."goldBlind" IS DISTINCT FROM g.blind`,
  );
  if (miscounted[0].n) throw new Error(`${miscounted[0].n} suggestions whose gold copy or decision counts are wrong`);
  await raw.end();
  if (process.env.BENCH_ONLY_LOAD) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    console.log(`kept ${bench.url}: project ${big} (${ITEMS.toLocaleString()} items), ${small}`);
    process.exit(0);
  }

  const bigAccess = await leadAccess(lead.id, big);
  await projectMetrics(bigAccess); // warm-up: plans, caches
  const times: number[] = [];
  let m!: Awaited<ReturnType<typeof projectMetrics>>;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    m = await projectMetrics(bigAccess);
    times.push((performance.now() - t) / 1000);
  }
  const metricsS = [...times].sort((a, b) => a - b)[1];
  console.log(
    `metrics over ${m.slices!.all.n.toLocaleString()} gold items: median ${metricsS.toFixed(2)} s of ${times.map((x) => x.toFixed(2)).join(", ")} (accuracy ${(m.slices!.all.accuracy! * 100).toFixed(1)}%)`,
  );

  function exportOnce(projectId: string, format: "JSONL" | "CSV") {
    return db.export.create({ data: { projectId, createdById: lead.id, format, options: {}, fileName: "bench" } }).then((e) => {
      const out = execFileSync(process.execPath, ["--max-old-space-size=192", "--import", "tsx", "scripts/bench/export-child.ts", e.id], {
        env: process.env,
        encoding: "utf8",
      });
      const r = JSON.parse(out.trim().split("\n").pop()!) as { rows: number; seconds: number; bytes: number; peakRssMb: number };
      console.log(
        `${format} ${r.rows.toLocaleString()} rows: ${r.seconds.toFixed(1)} s = ${Math.round(r.rows / r.seconds)} rows/s, ${(r.bytes / 1e6).toFixed(0)} MB, peak RSS ${r.peakRssMb.toFixed(0)} MB`,
      );
      return r;
    });
  }
  const smallJsonl = await exportOnce(small, "JSONL");
  const jsonl = await exportOnce(big, "JSONL");
  const csv = await exportOnce(big, "CSV");
  const result = {
    metrics_s: Number(metricsS.toFixed(2)),
    jsonl_rows_per_s: Math.round(jsonl.rows / jsonl.seconds),
    csv_rows_per_s: Math.round(csv.rows / csv.seconds),
    rss_ratio: Number((jsonl.peakRssMb / smallJsonl.peakRssMb).toFixed(3)),
  };
  console.log("goals: metrics < 2 s, export >= 20,000 rows/s, rss_ratio <= 1.2");
  console.log(JSON.stringify(result));
} catch (err) {
  console.error(err);
  process.exitCode = 1;
} finally {
  await closeDatabase();
  await bench.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
