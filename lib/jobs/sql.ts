// Engine statements: finding work that has neither a runner nor a job waiting for it. The jobs
// themselves are pg-boss's (schema pgboss, table job; its states order created < retry < active
// < completed, so "state < 'completed'" is a job still to run or running).
import { identifier, sql } from "@/lib/db/sql";

/**
 * Rows whose runner died (a stale heartbeat), and rows waiting for a job that no longer exists
 * (queued, or between two steps, with no job for them: lost in a crash before it was sent).
 */
export const orphanedRows = (table: string, queue: string, key: string, leaseSeconds: number) =>
  sql`SELECT t.id, t."projectId" FROM ${identifier(table)} t
      WHERE (t.status = 'RUNNING' AND t."runnerToken" IS NOT NULL AND t."heartbeatAt" < now() - make_interval(secs => ${leaseSeconds}))
         OR ((t.status = 'QUEUED' OR (t.status = 'RUNNING' AND t."runnerToken" IS NULL)) AND t."createdAt" < now() - interval '30 seconds'
             AND NOT EXISTS (SELECT 1 FROM pgboss.job j WHERE j.name = ${queue} AND j.state < 'completed' AND j.data->>${key} = t.id))
      LIMIT 100`;
export type OrphanRow = { id: string; projectId: string };
