import crypto from "node:crypto";
import fs from "node:fs";
import { defineConfig } from "@playwright/test";

// Debian's chromium (apt-get install chromium); Playwright's own download is not reachable here.
const chromium = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => p && fs.existsSync(p));
const port = Number(process.env.E2E_PORT ?? 3210);
// Lets the specs seed their own data (e2e/helpers.ts, seed); the workers inherit it from here.
process.env.GOLDSET_E2E_SEED_TOKEN ??= crypto.randomBytes(24).toString("hex");

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    // A production server on a fresh database (see e2e/start-server.mjs).
    command: `node e2e/start-server.mjs ${port}`,
    url: `http://127.0.0.1:${port}/sign-in`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
  },
});
