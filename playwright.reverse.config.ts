// `npm run test:e2e:reverse`: the e2e specs in reverse file order, on one server and one database,
// so a spec that needs another to have run first (or an empty instance) is found. Each spec is a
// project depending on the one after it in name order, which is how Playwright can be told an order.
import fs from "node:fs";
import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

const specs = fs
  .readdirSync("e2e")
  .filter((f) => f.endsWith(".spec.ts"))
  .sort((a, b) => parseInt(b) - parseInt(a) || b.localeCompare(a));

export default defineConfig({
  ...base,
  retries: 0,
  projects: specs.map((file, i) => ({ name: file, testMatch: file, dependencies: i ? [specs[i - 1]] : [] })),
});
