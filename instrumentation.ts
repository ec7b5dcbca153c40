// Runs once when the Next.js server starts: validates the environment, applies migrations and
// starts the background worker, so the first request never waits for them and a bad
// configuration stops start-up with a clear message.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env, ConfigError } = await import("@/lib/env");
  try {
    const config = env();
    const { getDatabase, closeDatabase } = await import("@/lib/db");
    const db = await getDatabase();
    console.log(`[goldset] database: ${db.kind === "postgres" ? "PostgreSQL" : `embedded PGlite (${config.pgliteDir})`}`);
    if (config.runWorkerInWeb) {
      const { startWorker } = await import("@/lib/jobs/worker");
      await startWorker();
      console.log("[goldset] background worker started in the web process");
    }
    const shutdown = async () => {
      const { stopBoss } = await import("@/lib/jobs/boss");
      await stopBoss().catch(() => {});
      await closeDatabase().catch(() => {});
      process.exit(0);
    };
    process.once("SIGTERM", shutdown);
    process.once("SIGINT", shutdown);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`\n[goldset] cannot start: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}
