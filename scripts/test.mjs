#!/usr/bin/env node
// `npm test`: the whole suite. Unit + integration tests (vitest) on PostgreSQL when DATABASE_URL is
// set, else on an in-memory PGlite; then a production build and the Playwright e2e specs.
// GOLDSET_SKIP_BUILD=1 reuses an existing build (CI builds once, right before).
import { spawnSync } from "node:child_process";
import fs from "node:fs";

const run = (cmd, args, extraEnv = {}) => {
  console.log(`\n> ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...extraEnv } });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

// Cheap checks first: the code is formatted (npm run format), and lib/ keeps its floors (npm run graph).
run("npx", ["prettier", "--check", ".", "--log-level", "warn"]);
run("node", ["scripts/import-graph.mjs", "--check"]);
run("npx", ["vitest", "run"]);

const chromium = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => p && fs.existsSync(p));
if (!chromium) {
  console.error("\nThe e2e tests need Chromium. On Debian/Ubuntu: sudo apt-get install -y chromium (or set CHROMIUM_PATH).");
  process.exit(1);
}
// The e2e specs seed their data through a test-only route, built only with GOLDSET_E2E_ROUTES=1.
if (process.env.GOLDSET_SKIP_BUILD !== "1" || !fs.existsSync(".next/BUILD_ID")) run("npx", ["next", "build"], { GOLDSET_E2E_ROUTES: "1" });
run("npx", ["playwright", "test"]);
