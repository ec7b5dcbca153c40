// npm run bench:autoaccept — does auto-accept keep its promise, how much does it take off people's
// hands, and how fast is it at scale.
//
// 1. Validity and coverage: simulated projects of 50,000 items whose true accuracy is a known
//    function of the model's confidence (calibrated, over-confident, under-confident, a sharp
//    step), blind share 10%, budgets 2% and 5%, 50 seeds each. The real certification
//    (lib/gold/certify.ts) and calibration (lib/gold/calibrate.ts) run on the blind items; the
//    accepted set is every other item at or above the certified threshold, as lib/gold/auto-accept
//    selects it. violation_rate: share of projects whose true error among accepted items (mean of
//    1 - accuracy(confidence)) exceeds the budget (goal <= 0.05). coverage_ratio: accepted items
//    over what the best threshold known in hindsight would accept, averaged over settings where
//    that covers at least 10% of items (goal >= 0.6).
// 1b. Per-label budgets: the same promise held label by label (below).
// 2. The promise over a version's life, each over BENCH_PROJECTS (2,000) simulated projects
//    (scripts/bench/autoaccept-sim.ts): healthy_pause_rate, audit_feedback_violation,
//    order_violation, union_violation (goals <= 0.05) and coverage_small (goal >= 0.1).
// 3. apply_1m_s: the apply job (lib/gold/apply-job.ts) on a 1,000,000-item PostgreSQL project, 10%
//    of it blind gold, the rest pre-labeled and unreviewed (goal <= 30 s); save_ms, the settings
//    save that queues it (goal < 1,000); review_p95_ratio, a reviewer's claim + decision p95 during
//    the apply over idle (goal <= 1.5).
// DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/postgres), BENCH_SEEDS, BENCH_ITEMS.
import crypto from "node:crypto";
import fs from "node:fs";
import pg from "pg";
import { certifyPerLabel } from "@/lib/gold/per-label";
import { deltaForLook } from "@/lib/gold/looks";
import { auditFeedback, auditLife, oneApply, orderedQueue, repeatedApplies, SHAPES, topDecileWorse } from "./bench/autoaccept-sim";
import { benchEnvironment } from "./bench/bench-database";

const SEEDS = Number(process.env.BENCH_SEEDS ?? 50);
/** Simulated projects per figure of the promise over time (the issue asks for at least 2,000). */
const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 2000);
const ITEMS = Number(process.env.BENCH_ITEMS ?? 1_000_000);
const SIM_ITEMS = 50_000;

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}
const clamp = (x: number) => Math.min(1, Math.max(0, x));
const round3 = (x: number) => Math.round(x * 1000) / 1000;

const settings: { shape: string; budget: number; violations: number; coverage: number | null }[] = [];
let runs = 0;
let violations = 0;
for (const [name, shape] of Object.entries(SHAPES)) {
  for (const budget of [0.02, 0.05]) {
    let v = 0;
    const ratios: number[] = [];
    for (let seed = 1; seed <= SEEDS; seed++) {
      const s = oneApply(seed * 7919 + Math.round(budget * 1000) * 31 + name.length, shape, budget, { items: SIM_ITEMS });
      runs++;
      if (s.violated) v++;
      if (s.best >= 0.1 * s.total) ratios.push(s.accepted / s.best);
    }
    violations += v;
    const coverage = ratios.length ? ratios.reduce((a, b) => a + b, 0) / ratios.length : null;
    settings.push({ shape: name, budget, violations: v, coverage });
    console.log(
      `${name.padEnd(16)} budget ${(budget * 100).toFixed(0)}%: ${v}/${SEEDS} over budget, coverage ${coverage === null ? "— (hindsight covers < 10%)" : coverage.toFixed(3)}`,
    );
  }
}
const counted = settings.filter((s) => s.coverage !== null);
const coverageRatio = counted.reduce((a, s) => a + s.coverage!, 0) / counted.length;
const violationRate = violations / runs;

// The promise over a version's life, each figure over PROJECTS simulated projects spread over the
// shapes and both budgets (scripts/bench/autoaccept-sim.ts says what each plays).
const shapeNames = Object.keys(SHAPES);
const cases = Array.from({ length: PROJECTS }, (_, k) => ({
  seed: 1000 + k * 7,
  shape: SHAPES[shapeNames[k % shapeNames.length]],
  budget: k % 2 ? 0.05 : 0.02,
}));
const rate = (hits: number, of: number) => (of ? round3(hits / of) : null);

// Counted over PROJECTS certified projects whose accepted labels are within budget (more are simulated until there are that many).
let healthy = 0;
let healthyPaused = 0;
for (let k = 0; healthy < PROJECTS && k < PROJECTS * 20; k++) {
  const c = { seed: 50_000 + k * 11, shape: SHAPES[shapeNames[k % shapeNames.length]], budget: k % 2 ? 0.05 : 0.02 };
  const r = auditLife(c.seed, c.shape, c.budget, 0.05);
  if (!r.certified || !r.healthy) continue;
  healthy++;
  if (r.paused) healthyPaused++;
}
const healthyPauseRate = rate(healthyPaused, healthy);
console.log(
  `audit checked after every audited decision (5% audit share): ${healthyPaused} of ${healthy} certified projects within budget paused (healthy_pause_rate ${healthyPauseRate}, goal <= 0.05)`,
);

const feedback = (feed: boolean) => rate(cases.filter((c) => auditFeedback(c.seed, c.shape, c.budget, feed).violated).length, cases.length);
const auditFeedbackViolation = feedback(false);
console.log(
  `two applies, 20% audit share, audited items reviewed in between: ${auditFeedbackViolation} over budget (audit_feedback_violation, goal <= 0.05); had audits fed the certificate: ${feedback(true)}`,
);

const ordered = (way: "random blind stream" | "stride") =>
  rate(cases.filter((c) => orderedQueue(c.seed, topDecileWorse, c.budget, way).violated).length, cases.length);
const orderViolation = ordered("random blind stream");
console.log(
  `lowest confidence first, top decile worse than it looks: ${orderViolation} over budget (order_violation, goal <= 0.05); with the old every-k-th-claim blind slice: ${ordered("stride")}`,
);

const union = (spend: boolean) => rate(cases.filter((c) => repeatedApplies(c.seed, c.shape, c.budget, spend).violated).length, cases.length);
const unionViolation = union(true);
console.log(
  `ten applies as the blind slice grows: ${unionViolation} with the union over budget (union_violation, goal <= 0.05); each at the full 5%: ${union(false)}`,
);

// A small project: 1,000 blind items of 10,000, a calibrated model, a 5% budget.
const smallRatios = cases.map((c) => {
  const r = oneApply(c.seed, SHAPES.calibrated, 0.05, { items: 10_000 });
  return r.best ? r.accepted / r.best : 0;
});
const coverageSmall = round3(smallRatios.reduce((a, b) => a + b, 0) / smallRatios.length);
console.log(`1,000 blind items, calibrated model, 5% budget: coverage_small ${coverageSmall} of the hindsight-optimal (goal >= 0.1)`);

// 1b. Per-label budgets (lib/gold/per-label.ts): two labels with different accuracy shapes and
// budgets, each certified on its own blind items at delta / 2. The promise is family-wise: a
// project violates it when either label's true error among its accepted items exceeds that
// label's budget. Printed on its own line; the last line keeps the three figures.
const LABEL_PAIRS: [string, string, number, number][] = [
  ["calibrated", "over-confident", 0.05, 0.02],
  ["sharp step", "under-confident", 0.02, 0.05],
  ["over-confident", "sharp step", 0.05, 0.05],
];
let perLabelRuns = 0;
let perLabelViolations = 0;
for (const [a, b, budgetA, budgetB] of LABEL_PAIRS) {
  for (let seed = 1; seed <= SEEDS; seed++) {
    const r = rng(seed * 104729 + a.length * 13 + b.length);
    const items = Array.from({ length: SIM_ITEMS }, () => {
      const label = r() < 0.5 ? "a" : "b";
      const c = Math.round((0.5 + 0.5 * Math.sqrt(r())) * 1000) / 1000;
      const p = clamp(SHAPES[label === "a" ? a : b](c));
      return { label, c, p, blind: r() < 0.1, correct: r() < p };
    });
    const certs = certifyPerLabel(
      items.filter((i) => i.blind).map((i) => ({ label: i.label, confidence: i.c, correct: i.correct })),
      [
        { label: "a", budget: budgetA, own: true },
        { label: "b", budget: budgetB, own: true },
      ],
      deltaForLook(1),
    );
    perLabelRuns++;
    const violated = certs.some((cert) => {
      if (cert.threshold === null) return false;
      const accepted = items.filter((i) => !i.blind && i.label === cert.label && i.c >= cert.threshold!);
      return accepted.length > 0 && accepted.reduce((x, i) => x + (1 - i.p), 0) / accepted.length > cert.budget;
    });
    if (violated) perLabelViolations++;
  }
}
console.log(
  `per-label budgets: ${perLabelViolations}/${perLabelRuns} projects with some label over its budget (per_label_violation_rate ${(perLabelViolations / perLabelRuns).toFixed(3)}, goal <= 0.05)`,
);

// 2. Apply on a million items in PostgreSQL, as the job does it, with a reviewer at work meanwhile.
const { bench, dataDir } = await benchEnvironment();
const { getDb, closeDatabase } = await import("@/lib/db");
const { updateAutoAcceptSettings } = await import("@/lib/gold/auto-accept");
const { requestApply, runApply, latestApply } = await import("@/lib/gold/apply-job");
const { createTestProject, createTestUser, leadAccess, addMember, accessFor } = await import("@/lib/testing/factories");
const { claimNext } = await import("@/lib/reviews/claim-next");
const { submitDecision } = await import("@/lib/reviews/submit-decision");
const { stopBoss } = await import("@/lib/jobs/boss");
let applyS = NaN;
let saveMs = NaN;
let reviewRatio = NaN;
try {
  const db = await getDb();
  const lead = await createTestUser();
  const { id: projectId } = await createTestProject(lead.id);
  const v = await db.promptVersion.create({
    data: { projectId, number: 1, modelId: "claude-haiku-4-5", strategy: "ZERO_SHOT", instructions: "x", settings: {}, createdById: lead.id },
  });
  const raw = new pg.Client({ connectionString: bench.url });
  await raw.connect();
  raw.on("error", () => {});
  const t0 = performance.now();
  // Confidence in steps of 0.001, true accuracy calibrated; every tenth item blind gold (its draw
  // below the 10% blind share; the suggestion right with probability = its confidence), the rest
  // unreviewed in the queue (their draws above the share).
  await raw.query(
    `INSERT INTO "Item" ("projectId", "externalId", text, status, "reviewCount", "inQueue", blind, "blindDraw", "suggestionConfidence")
     SELECT $1, 'a' || g, 'Item ' || g, CASE WHEN g % 10 = 0 THEN 'REVIEWED' ELSE 'PRELABELED' END::"ItemStatus", (g % 10 = 0)::int, g % 10 <> 0,
            CASE WHEN g % 10 = 0 THEN true END, CASE WHEN g % 10 = 0 THEN 0.05 ELSE 0.1 + 0.9 * random() END, round((0.5 + 0.5 * sqrt(random()))::numeric, 3)::float8
     FROM generate_series(1, $2) g`,
    [projectId, ITEMS],
  );
  await raw.query("SET session_replication_role = replica");
  await raw.query(
    `INSERT INTO "GoldLabel" ("itemId", "projectId", value, source, blind, "updatedAt")
     SELECT id, $1, jsonb_build_object('label', CASE WHEN random() < "suggestionConfidence" THEN 'positive' ELSE 'negative' END), 'SINGLE_REVIEW', true, now()
     FROM "Item" WHERE "projectId" = $1 AND status = 'REVIEWED'`,
    [projectId],
  );
  await raw.query(
    `INSERT INTO "Suggestion" (id, "projectId", "itemId", "promptVersionId", status, value, confidence, "confidenceSource", model, "goldValue", "goldBlind")
     SELECT 's' || i.id, $1, i.id, $2, 'OK', '{"label":"positive"}'::jsonb, i."suggestionConfidence", 'SELF_REPORTED', 'claude-haiku-4-5', g.value, g.blind
     FROM "Item" i LEFT JOIN "GoldLabel" g ON g."itemId" = i.id WHERE i."projectId" = $1 ORDER BY i.id`,
    [projectId, v.id],
  );
  await raw.query("SET session_replication_role = DEFAULT");
  await raw.query("VACUUM ANALYZE");
  console.log(`loaded ${ITEMS.toLocaleString()} items in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  if (process.env.BENCH_KEEP) {
    console.log(`kept ${bench.url} project ${projectId}`);
    process.exit(0);
  }
  // A reviewer works the queue (random order) before and during the apply.
  const reviewer = await createTestUser();
  await addMember(projectId, reviewer.id, "ANNOTATOR");
  const reviewerAccess = await accessFor(reviewer.id, projectId);
  const reviewOnce = async () => {
    const t = performance.now();
    const { task } = await claimNext(reviewerAccess);
    if (task)
      await submitDecision(reviewerAccess, { id: crypto.randomUUID(), itemId: task.item.id, action: "LABELED", value: { label: "positive" }, seconds: 1 });
    return performance.now() - t;
  };
  const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];
  for (let i = 0; i < 20; i++) await reviewOnce(); // warm-up
  const idle: number[] = [];
  for (let i = 0; i < 200; i++) idle.push(await reviewOnce());

  // The settings save: the budget stored and the apply queued (the engine would take it from here).
  const access = await leadAccess(lead.id, projectId);
  const ts = performance.now();
  await updateAutoAcceptSettings(access, { errorBudgetPercent: 5, autoAccept: true, auditPercent: 5 });
  const applyId = await requestApply(projectId, lead.id, "settings");
  saveMs = performance.now() - ts;

  const t = performance.now();
  let applying = true;
  const busy: number[] = [];
  const reviewing = (async () => {
    while (applying) busy.push(await reviewOnce());
  })();
  await runApply(applyId);
  applyS = (performance.now() - t) / 1000;
  applying = false;
  await reviewing;
  reviewRatio = p95(busy) / p95(idle);
  const done = await latestApply(projectId);
  const cert = (await db.project.findUniqueOrThrow({ where: { id: projectId } })).autoAcceptCertificate as {
    threshold: number | null;
    blindItems: number;
  } | null;
  console.log(
    `applied on ${ITEMS.toLocaleString()} items in ${applyS.toFixed(2)} s as a job: threshold ${cert?.threshold}, blind ${cert?.blindItems.toLocaleString()}, ` +
      `accepted ${done?.accepted.toLocaleString()}, audited ${done?.audited.toLocaleString()}; settings save ${saveMs.toFixed(0)} ms; ` +
      `review claim+decide p95 ${p95(idle).toFixed(1)} ms idle, ${p95(busy).toFixed(1)} ms during the apply (${busy.length} reviews)`,
  );
  await raw.end();
} finally {
  await stopBoss().catch(() => {});
  await closeDatabase();
  await bench.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
console.log(
  JSON.stringify({
    violation_rate: round3(violationRate),
    coverage_ratio: round3(coverageRatio),
    healthy_pause_rate: healthyPauseRate,
    audit_feedback_violation: auditFeedbackViolation,
    order_violation: orderViolation,
    union_violation: unionViolation,
    coverage_small: coverageSmall,
    apply_1m_s: Math.round(applyS * 100) / 100,
    save_ms: Math.round(saveMs),
    review_p95_ratio: Math.round(reviewRatio * 100) / 100,
  }),
);
