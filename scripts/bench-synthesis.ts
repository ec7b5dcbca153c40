// bench:synthesis: deduplication of a 5,000-text generation job against a 1,000,000-item project
// in PostgreSQL (BENCH_ITEMS), and against a 100,000-item one for the memory comparison, each in
// its own process. The items are 12-word sentences over a 20,000-word Zipf vocabulary; the job holds 250
// planted near-duplicates (one light edit of an item: a word replaced, inserted or dropped, plus
// case and punctuation) and 4,750 new sentences. Prints each run, then one JSON line:
// {"dedup_s", "rss_ratio", "recall", "false_drop_rate"}; goals: under 30 s, at most 1.2, at least
// 0.95, at most 0.01.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createBenchDatabase } from "./bench/bench-database";
import { seededRandom } from "@/lib/random";
import { jaccard, shingles } from "@/lib/synthesis/near-duplicates";

const ITEMS = Number(process.env.BENCH_ITEMS ?? 1_000_000);
const SMALL = Math.round(ITEMS / 10);
const JOB = 5000;
const PLANTED = 250;
const THRESHOLD = 0.6; // the product default (lib/synthesis/schemas.ts)

const rand = seededRandom(17);
// 20,000 made-up words drawn by Zipf's law, as words are in text: a few very common ones ("the"),
// a long tail of rare ones that tell texts apart.
const SYLLABLES = ["ka", "lo", "mi", "ren", "tas", "vo", "pel", "dri", "su", "nax", "or", "eth", "ul", "bri", "zan", "qui", "mo", "tev"];
const VOCAB = Array.from({ length: 20_000 }, (_, i) => {
  let w = "";
  for (let n = i + 1, s = 0; n > 0 || s < 1; n = Math.floor(n / SYLLABLES.length), s++) w += SYLLABLES[n % SYLLABLES.length];
  return w;
});
const CUMULATIVE = (() => {
  const c = new Float64Array(VOCAB.length);
  let sum = 0;
  for (let r = 0; r < VOCAB.length; r++) c[r] = sum += 1 / (r + 1);
  return c.map((x) => x / sum);
})();
function word(): string {
  const u = rand();
  let lo = 0;
  let hi = CUMULATIVE.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (CUMULATIVE[mid] < u) lo = mid + 1;
    else hi = mid;
  }
  return VOCAB[lo];
}
const sentence = () => Array.from({ length: 12 }, word).join(" ");

/** One light edit, then casing and punctuation changes that normalization removes. */
function lightEdit(text: string): string {
  const words = text.split(" ");
  const at = Math.floor(rand() * words.length);
  const kind = Math.floor(rand() * 3);
  if (kind === 0) words[at] = word();
  else if (kind === 1) words.splice(at, 0, word());
  else words.splice(at, 1);
  const edited = words.join(" ");
  return `${edited.charAt(0).toUpperCase()}${edited.slice(1)}!`;
}

const bench = await createBenchDatabase();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "goldset-bench-"));
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URL: bench.url,
  GOLDSET_DATA_DIR: dataDir,
  NODE_ENV: "production",
  NEXTAUTH_URL: "http://localhost:3000",
  NEXTAUTH_SECRET: "x".repeat(40),
};
Object.assign(process.env, env);
const { closeDatabase } = await import("@/lib/db");
const { createTestProject, createTestUser } = await import("@/lib/testing/factories");

try {
  const lead = await createTestUser();
  const big = (await createTestProject(lead.id)).id;
  const small = (await createTestProject(lead.id)).id;
  const raw = new pg.Client({ connectionString: bench.url });
  await raw.connect();
  const t0 = performance.now();
  // The items' texts are built here (seeded) and copied in, 50,000 at a time.
  const texts: string[] = [];
  for (const [projectId, n] of [
    [big, ITEMS],
    [small, SMALL],
  ] as const) {
    for (let from = 0; from < n; from += 50_000) {
      const rows: string[] = [];
      for (let i = from; i < Math.min(n, from + 50_000); i++) {
        const t = sentence();
        if (projectId === big && texts.length < 20_000 && i % 50 === 0) texts.push(t);
        rows.push(`${projectId}\ti${i}\t${t}`);
      }
      await raw.query(`INSERT INTO "Item" ("projectId", "externalId", text) SELECT p, e, t FROM unnest($1::text[], $2::text[], $3::text[]) AS x(p, e, t)`, [
        rows.map((r) => r.split("\t")[0]),
        rows.map((r) => r.split("\t")[1]),
        rows.map((r) => r.split("\t")[2]),
      ]);
    }
  }
  await raw.query('VACUUM ANALYZE "Item"');
  await raw.end();
  console.log(`seeded ${ITEMS.toLocaleString()} + ${SMALL.toLocaleString()} items in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // The job: planted near-duplicates of items of the big project (spread through it), then new sentences.
  const sources = Array.from({ length: PLANTED }, (_, i) => texts[Math.floor((i * texts.length) / PLANTED)]);
  const planted = sources.map(lightEdit);
  const fresh = Array.from({ length: JOB - PLANTED }, sentence);
  const job = [...planted, ...fresh];
  const file = path.join(dataDir, "job.json");
  fs.writeFileSync(file, JSON.stringify(job));

  const run = (projectId: string) => {
    const out = execFileSync(
      process.execPath,
      ["--max-old-space-size=1024", "--import", "tsx", "scripts/bench/dedup-child.ts", projectId, file, String(THRESHOLD)],
      { env, encoding: "utf8" },
    );
    return JSON.parse(out.trim().split("\n").at(-1)!) as { seconds: number; dropped: number[]; peakRssMb: number };
  };
  const atSmall = run(small);
  console.log(
    `100k-class project (${SMALL.toLocaleString()} items): ${atSmall.seconds.toFixed(2)} s, peak RSS ${atSmall.peakRssMb.toFixed(0)} MB, ${atSmall.dropped.length} dropped`,
  );
  const atBig = run(big);
  console.log(
    `1M-class project (${ITEMS.toLocaleString()} items): ${atBig.seconds.toFixed(2)} s, peak RSS ${atBig.peakRssMb.toFixed(0)} MB, ${atBig.dropped.length} dropped`,
  );
  const dropped = new Set(atBig.dropped);
  const caught = planted.filter((_, i) => dropped.has(i)).length;
  const wronglyDropped = fresh.filter((_, i) => dropped.has(PLANTED + i)).length;
  console.log(`planted near-duplicates caught: ${caught} of ${PLANTED}; new texts dropped: ${wronglyDropped} of ${fresh.length}`);
  const missed = planted.flatMap((p, i) => (dropped.has(i) ? [] : [jaccard(shingles(p), shingles(sources[i]))]));
  if (missed.length) console.log(`similarity of the missed ones to their source: ${missed.map((j) => j.toFixed(2)).join(", ")} (threshold ${THRESHOLD})`);
  console.log(
    JSON.stringify({
      dedup_s: Number(atBig.seconds.toFixed(2)),
      rss_ratio: Number((atBig.peakRssMb / atSmall.peakRssMb).toFixed(3)),
      recall: Number((caught / PLANTED).toFixed(4)),
      false_drop_rate: Number((wronglyDropped / fresh.length).toFixed(4)),
    }),
  );
} finally {
  await closeDatabase();
  await bench.drop();
}
