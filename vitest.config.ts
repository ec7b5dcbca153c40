import path from "node:path";
import { defineConfig } from "vitest/config";

// Integration tests run on PostgreSQL when DATABASE_URL is set, else on an in-memory PGlite;
// lib/testing/setup-db.ts gives every test file its own fresh database.
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["lib/**/*.test.ts", "app/**/*.test.ts", "scripts/**/*.test.ts"],
    setupFiles: ["lib/testing/setup-db.ts"],
    pool: "forks",
    // --expose-gc: the export memory test measures the live heap, not garbage not yet collected.
    poolOptions: { forks: { execArgv: ["--expose-gc"] } },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
