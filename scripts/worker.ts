// `npm run worker`: runs background jobs in their own process. Use it with PostgreSQL and
// GOLDSET_WORKER=false on the web processes; start as many as you need, on any machine.
import { env } from "@/lib/env";
import { closeDatabase } from "@/lib/db";
import { startWorker, stopWorker } from "@/lib/worker";
import { stopBoss } from "@/lib/jobs/boss";

if (!env().databaseUrl) {
  console.error("npm run worker needs DATABASE_URL: the embedded database (PGlite) can only be opened by one process, the web app.");
  process.exit(1);
}
await startWorker();
console.log("[worker] waiting for jobs");
const stop = async () => {
  await stopWorker();
  await stopBoss();
  await closeDatabase();
  process.exit(0);
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
