// Server start-up: validate the environment, apply migrations and start the background worker,
// so the first request never waits for them and a bad configuration stops start-up with a clear
// message instead of failing on the first page view.
import { env, ConfigError } from "@/lib/env";
import { closeDatabase, getDatabase } from "@/lib/db";
import { log } from "@/lib/observability/log";

export async function startServer(): Promise<void> {
  try {
    const { installPeerAddressHeader } = await import("@/lib/peer-address");
    installPeerAddressHeader();
    const { installActionBodyLimit } = await import("@/lib/action-body-limit");
    installActionBodyLimit();
    const config = env();
    const db = await getDatabase();
    log.info(`[goldset] database: ${db.kind === "postgres" ? "PostgreSQL" : `embedded PGlite (${config.pgliteDir})`}`);
    if (config.runWorkerInWeb) {
      const { startWorker } = await import("@/lib/worker");
      await startWorker();
      log.info("[goldset] background worker started in the web process");
    }
    // Stop taking jobs and let running ones finish (within the engine's limit) before the database goes.
    const shutdown = async () => {
      if (config.runWorkerInWeb) await (await import("@/lib/worker")).stopWorker().catch(() => {});
      const { stopBoss } = await import("@/lib/jobs/boss");
      await stopBoss().catch(() => {});
      await closeDatabase().catch(() => {}); // PGlite must be closed to leave its folder consistent
      process.exit(0);
    };
    process.once("SIGTERM", shutdown);
    process.once("SIGINT", shutdown);
  } catch (err) {
    if (err instanceof ConfigError) {
      log.error(`[goldset] cannot start: ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
}
