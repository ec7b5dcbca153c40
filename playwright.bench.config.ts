// `npm run bench:ui`: the browser benchmark (key press to next item, LCP per page) against a
// production build on a fresh database, as the e2e suite runs it. It prints figures; it asserts
// no timings (they are noisy on a shared machine).
import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

export default defineConfig({ ...base, testDir: "scripts/bench/ui", testMatch: "**/*.bench.ts", timeout: 600_000, retries: 0, reporter: [["list"]] });
