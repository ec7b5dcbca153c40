// `npm run graph`: the shape of lib/ between its folders. Each product file (tests excluded) is
// read for its imports; an arrow A -> B means a file in lib/A imports a file in lib/B. Prints the
// arrows, the pairs of folders that import each other, and the tangles (strongly connected sets
// of folders: within one, every folder reaches every other). A file directly in lib/ (lib/db.ts)
// counts as the folder of its name. Also lists import cycles between files (--check fails on one).
// Pass --json for the figures alone, --check to fail past the limits below (npm test does).
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const lib = path.join(root, "lib");
const importRe = /(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

function files(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" ? [] : files(p);
    return /\.(ts|tsx|mjs)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** The lib folder a path under lib/ belongs to, or null outside lib/. */
function folderOf(abs) {
  const rel = path.relative(lib, abs);
  if (rel.startsWith("..")) return null;
  const first = rel.split(path.sep)[0];
  return first.replace(/\.(ts|tsx|mjs)$/, "");
}

function target(file, spec) {
  if (spec.startsWith("@/")) return path.join(root, spec.slice(2));
  if (spec.startsWith(".")) return path.resolve(path.dirname(file), spec);
  return null;
}

/** The file an import names (with its extension), or null when it is not one of lib's files. */
function resolveFile(abs) {
  for (const candidate of [abs, `${abs}.ts`, `${abs}.tsx`, path.join(abs, "index.ts")]) if (fileSet.has(candidate)) return candidate;
  return null;
}

const libFiles = files(lib);
const fileSet = new Set(libFiles);
const arrows = new Map(); // "a b" -> count of importing files
const fileEdges = [];
for (const file of libFiles) {
  const from = folderOf(file);
  const text = fs.readFileSync(file, "utf8");
  for (const m of text.matchAll(importRe)) {
    const spec = m[1] ?? m[2];
    const abs = target(file, spec);
    const imported = abs && resolveFile(abs);
    if (imported) fileEdges.push([file, imported]);
    const to = abs && folderOf(abs);
    if (!to || to === from) continue;
    const key = `${from} ${to}`;
    arrows.set(key, (arrows.get(key) ?? 0) + 1);
  }
}

const edges = [...arrows.keys()].map((k) => k.split(" "));
const folders = [...new Set(edges.flat())].sort();
const pairs = edges
  .filter(([a, b]) => a < b && arrows.has(`${b} ${a}`))
  .map(([a, b]) => `${a} <-> ${b}`)
  .sort();
const tangles = stronglyConnected(folders, edges)
  .filter((c) => c.length > 1)
  .sort((a, b) => b.length - a.length);
const fileCycles = stronglyConnected(libFiles, fileEdges)
  .filter((c) => c.length > 1)
  .map((c) => c.map((f) => path.relative(root, f)));

if (process.argv.includes("--json")) {
  console.log(
    JSON.stringify({
      folders: folders.length,
      arrows: edges.length,
      two_way_pairs: pairs.length,
      largest_tangle: tangles[0]?.length ?? 1,
      tangles: tangles.map((t) => t.join(" ")),
      file_cycles: fileCycles.length,
    }),
  );
} else {
  console.log(`${folders.length} folders, ${edges.length} arrows between them`);
  console.log(`\n${pairs.length} pairs that import each other:`);
  for (const p of pairs) {
    const [a, , b] = p.split(" ");
    console.log(`  ${p}   (${arrows.get(`${a} ${b}`)} files one way, ${arrows.get(`${b} ${a}`)} the other)`);
  }
  console.log(`\ntangles (folders that all reach each other): ${tangles.length ? "" : "none"}`);
  for (const t of tangles) console.log(`  ${t.length}: ${t.join(", ")}`);
  console.log(`\nimport cycles between files: ${fileCycles.length ? "" : "none"}`);
  for (const c of fileCycles) console.log(`  ${c.join(" -> ")}`);
}
// The floors kept (issue 29): no cycle between files, at most 6 pairs of folders importing each other, no tangle over 6 folders.
const LIMITS = { pairs: 6, tangle: 6 };
if (process.argv.includes("--check") && (fileCycles.length || pairs.length > LIMITS.pairs || (tangles[0]?.length ?? 0) > LIMITS.tangle)) {
  console.error(
    `lib/ lost its floors: ${fileCycles.length} file cycles, ${pairs.length} two-way folder pairs (at most ${LIMITS.pairs}), a tangle of ${tangles[0]?.length ?? 0} folders (at most ${LIMITS.tangle})`,
  );
  process.exit(1);
}

/** Tarjan's algorithm: the strongly connected components of the folder graph. */
function stronglyConnected(nodes, edgeList) {
  const next = new Map(nodes.map((n) => [n, []]));
  for (const [a, b] of edgeList) next.get(a).push(b);
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const out = [];
  let counter = 0;
  const visit = (v) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v)) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) === index.get(v)) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      out.push(component.sort());
    }
  };
  for (const n of nodes) if (!index.has(n)) visit(n);
  return out;
}
