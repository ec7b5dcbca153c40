// The /api/metrics answer: for instance admins only (a session, or an admin's API token with the
// "read" scope, which is what a Prometheus scraper sends as Authorization: Bearer). Queue depth is
// read from pg-boss's table at each scrape, so every process reports the same, current figure.
import client from "prom-client";
import { getDatabase } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { AppError } from "@/lib/errors";
import { callerFromRequest } from "@/lib/auth/session";
import { errorResponse } from "@/lib/http";
import { registry } from "@/lib/observability/metrics";

type Holder = { queueDepth?: client.Gauge };
const holder: Holder = ((globalThis as Record<string, unknown>).__goldsetQueueDepth ??= {}) as Holder;

function queueDepthGauge() {
  holder.queueDepth ??= new client.Gauge({
    name: "goldset_jobs",
    help: "Background jobs by queue and state (waiting: created or retry, running: active)",
    labelNames: ["queue", "state"],
    registers: [registry()],
    async collect() {
      this.reset();
      const database = await getDatabase();
      const rows = await database
        .query<{ name: string; state: string; n: number }>(
          sql`SELECT name, CASE WHEN state = 'active' THEN 'running' ELSE 'waiting' END AS state, count(*)::int AS n
              FROM pgboss.job WHERE state IN ('created', 'retry', 'active') GROUP BY 1, 2`,
        )
        .catch(() => []); // no job was ever sent: pg-boss has not made its tables
      for (const r of rows) this.set({ queue: r.name, state: r.state }, Number(r.n));
    },
  });
  return holder.queueDepth;
}

export async function metricsResponse(req: Request): Promise<Response> {
  try {
    const { caller } = await callerFromRequest(req);
    if (!caller.isAdmin) throw new AppError("FORBIDDEN", "Only instance admins can read the metrics.");
    if (caller.tokenScopes && !caller.tokenScopes.includes("read")) throw new AppError("FORBIDDEN", 'This API token lacks the "read" scope.');
    queueDepthGauge();
    const reg = registry();
    return new Response(await reg.metrics(), { headers: { "content-type": reg.contentType, "cache-control": "no-store" } });
  } catch (err) {
    return errorResponse(err);
  }
}
