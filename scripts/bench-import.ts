// npm run bench:import — the importer against a plain COPY baseline, on PostgreSQL.
//   DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/postgres) must reach a server where
//   the bench may create and drop databases. BENCH_ROWS (default 200000) and BENCH_SMALL_ROWS (20000).
// Prints items/s for both, their ratio, the importer's peak RSS at both sizes, and a last line of JSON.
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { shapeImage, zipOf } from "@/lib/testing/images";
import { from as copyFrom } from "pg-copy-streams";
import { applyMigrations } from "@/lib/db/migrate";
import { pgSession } from "@/lib/db/sql-session";
import { benchRows } from "./bench/generate-rows";

const WORKER_NODE_FLAGS = "--max-old-space-size=192 --expose-gc";
const baseUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const bigRows = Number(process.env.BENCH_ROWS ?? 200_000);
const smallRows = Number(process.env.BENCH_SMALL_ROWS ?? 20_000);
const imageCount = Number(process.env.BENCH_IMAGES ?? 1_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "goldset-bench-"));
const dbs: string[] = [];

async function freshDatabase(): Promise<string> {
  const name = `goldset_bench_${crypto.randomBytes(4).toString("hex")}`;
  const c = new pg.Client({ connectionString: baseUrl });
  await c.connect();
  await c.query(`CREATE DATABASE "${name}"`);
  await c.end();
  dbs.push(name);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const m = new pg.Client({ connectionString: url.toString() });
  await m.connect();
  await applyMigrations(pgSession(m));
  await m.end();
  return url.toString();
}

// COPY text format: backslash, tab, newline and carriage return escaped.
const copyEscape = (s: string) => s.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");

function writeFiles(count: number, tag: string) {
  const jsonl = path.join(dir, `${tag}.jsonl`);
  const copy = path.join(dir, `${tag}.copy`);
  const j = fs.openSync(jsonl, "w");
  const c = fs.openSync(copy, "w");
  let jb: string[] = [];
  let cb: string[] = [];
  const flush = () => {
    fs.writeSync(j, jb.join(""));
    fs.writeSync(c, cb.join(""));
    jb = [];
    cb = [];
  };
  for (const row of benchRows(count)) {
    jb.push(JSON.stringify({ id: row.id, text: row.text, ...row.metadata }) + "\n");
    cb.push(`${copyEscape(row.id)}\t${copyEscape(row.text)}\t${copyEscape(JSON.stringify(row.metadata))}\n`);
    if (jb.length >= 5000) flush();
  }
  flush();
  fs.closeSync(j);
  fs.closeSync(c);
  return { jsonl, copy, bytes: fs.statSync(jsonl).size };
}

// The importer runs as `npm run worker` runs it, with the old-generation heap capped at 192 MB.
// Without a cap V8 lets the garbage of streamed chunks pile up before collecting, so peak RSS
// depends on how long the run is; the live heap after a collection (printed as liveHeapMb) is the
// same at 20,000 and 200,000 rows either way.
function runImporter(url: string, file: string) {
  const flags = (process.env.BENCH_NODE_FLAGS ?? WORKER_NODE_FLAGS).split(" ").filter(Boolean);
  const out = execFileSync(process.execPath, [...flags, "--import", "tsx", "scripts/bench/import-child.ts", file], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      GOLDSET_DATA_DIR: path.join(dir, "data"),
      NODE_ENV: "production",
      NEXTAUTH_URL: "http://localhost:3000",
      NEXTAUTH_SECRET: crypto.randomBytes(32).toString("hex"),
    },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out.trim().split("\n").at(-1)!) as { result: string; rows: number; failed: number; seconds: number; peakRssMb: number; liveHeapMb: number };
}

/** A zip of `n` small distinct pictures (64 px shapes, each in its own colour), like a phone's thumbnails. */
async function writeImageZip(n: number): Promise<string> {
  const files: Record<string, Buffer> = {};
  const shapes = ["circle", "square", "triangle"] as const;
  for (let i = 0; i < n; i++) {
    const colour = `#${((i * 2654435761) % 0xffffff).toString(16).padStart(6, "0")}`;
    files[`images/img-${String(i).padStart(5, "0")}.png`] = await shapeImage(colour, shapes[i % 3], 64);
  }
  const file = path.join(dir, "images.zip");
  fs.writeFileSync(file, zipOf(files));
  return file;
}

async function runCopy(url: string, file: string, count: number) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const userId = "bench-user";
  await c.query(`INSERT INTO "User" (id, email, name, "passwordHash") VALUES ($1, 'bench@example.com', 'Bench', 'x')`, [userId]);
  await c.query(`INSERT INTO "Project" (id, name, "taskType", "createdById", "updatedAt") VALUES ('bench-project', 'Bench', 'SINGLE_LABEL', $1, now())`, [
    userId,
  ]);
  // The same target table and indexes as the importer; constant columns come from defaults.
  await c.query(`ALTER TABLE "Item" ALTER COLUMN "projectId" SET DEFAULT 'bench-project'`);
  const t0 = performance.now();
  await pipeline(fs.createReadStream(file), c.query(copyFrom(`COPY "Item" ("externalId", "text", "metadata") FROM STDIN`)));
  const seconds = (performance.now() - t0) / 1000;
  const n = Number((await c.query(`SELECT count(*) FROM "Item"`)).rows[0].count);
  await c.end();
  if (n !== count) throw new Error(`COPY loaded ${n} rows, expected ${count}`);
  return { seconds };
}

try {
  console.log(`generating ${bigRows.toLocaleString()} and ${smallRows.toLocaleString()} rows in ${dir} …`);
  const big = writeFiles(bigRows, "big");
  const small = writeFiles(smallRows, "small");
  console.log(`JSONL: ${(big.bytes / 1e6).toFixed(0)} MB (${bigRows} rows), ${(small.bytes / 1e6).toFixed(0)} MB (${smallRows} rows)`);

  const smallRun = runImporter(await freshDatabase(), small.jsonl);
  console.log(
    `importer ${smallRows} rows: ${smallRun.seconds.toFixed(1)} s, peak RSS ${smallRun.peakRssMb.toFixed(0)} MB, live heap after GC ${smallRun.liveHeapMb.toFixed(0)} MB`,
  );
  const bigRun = runImporter(await freshDatabase(), big.jsonl);
  if (bigRun.rows !== bigRows) throw new Error(`importer inserted ${bigRun.rows} of ${bigRows} rows (${bigRun.failed} failed)`);
  const copy = await runCopy(await freshDatabase(), big.copy, bigRows);

  // Pictures: each is read from the zip, sniffed, decoded once (a thumbnail: is it whole?), hashed
  // and written to the media store, then its row goes in as a text row does.
  const zip = await writeImageZip(imageCount);
  const imageRun = runImporter(await freshDatabase(), zip);
  if (imageRun.rows !== imageCount) throw new Error(`importer inserted ${imageRun.rows} of ${imageCount} images (${imageRun.failed} failed)`);
  console.log(
    `importer ${imageCount} images (${(fs.statSync(zip).size / 1e6).toFixed(1)} MB zip): ${imageRun.seconds.toFixed(1)} s, peak RSS ${imageRun.peakRssMb.toFixed(0)} MB`,
  );

  const itemsPerS = bigRows / bigRun.seconds;
  const copyPerS = bigRows / copy.seconds;
  const result = {
    items_per_s: Math.round(itemsPerS),
    copy_items_per_s: Math.round(copyPerS),
    ratio: Number((itemsPerS / copyPerS).toFixed(3)),
    rss_ratio: Number((bigRun.peakRssMb / smallRun.peakRssMb).toFixed(3)),
    image_items_per_s: Math.round(imageCount / imageRun.seconds),
  };
  console.log(
    `importer ${bigRows} rows: ${bigRun.seconds.toFixed(1)} s = ${result.items_per_s} items/s, peak RSS ${bigRun.peakRssMb.toFixed(0)} MB, live heap after GC ${bigRun.liveHeapMb.toFixed(0)} MB`,
  );
  console.log(`COPY baseline:         ${copy.seconds.toFixed(1)} s = ${result.copy_items_per_s} items/s`);
  console.log(`ratio ${result.ratio} (goal >= 0.5), rss_ratio ${result.rss_ratio} (goal <= 1.2), images ${result.image_items_per_s} items/s`);
  console.log(JSON.stringify(result));
} finally {
  const c = new pg.Client({ connectionString: baseUrl });
  await c.connect();
  for (const name of dbs) await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await c.end();
  fs.rmSync(dir, { recursive: true, force: true });
}
