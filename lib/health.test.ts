// GET /api/health on a real database: ok with a recent worker, degraded without one, down with a
// migration missing; and the route answers without credentials.
import { describe, expect, it } from "vitest";
import { getDatabase } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { health, heartbeat, WORKER_STALE_MS } from "@/lib/health";
import { llmConfigured } from "@/lib/llm/client";
import { GET } from "@/app/api/health/route";

describe("health", () => {
  it("says what works: database, migrations, a worker seen lately, the model key", async () => {
    const before = await health();
    expect(before.checks.database.ok).toBe(true);
    expect(before.checks.migrations).toMatchObject({ ok: true, detail: expect.stringMatching(/^All \d+ applied/) });
    expect(before.checks.worker.ok).toBe(false);
    expect(before.status).toBe("degraded");
    expect(before.checks.model.ok).toBe(llmConfigured());

    await heartbeat();
    const after = await health();
    expect(after.checks.worker).toMatchObject({ ok: true, detail: expect.stringMatching(/seen \d+ s ago/) });
    expect(after.status).toBe(llmConfigured() ? "ok" : "degraded");
    // Three missed sweeps: no worker.
    expect((await health(new Date(Date.now() + WORKER_STALE_MS + 1000))).checks.worker.ok).toBe(false);
  });

  it("is down, with a 503 and no secret, when a migration is missing", async () => {
    const db = await getDatabase();
    const [last] = await db.query<{ id: string; name: string }>(
      sql`SELECT id, migration_name AS name FROM "_prisma_migrations" ORDER BY migration_name DESC LIMIT 1`,
    );
    await db.query(sql`UPDATE "_prisma_migrations" SET finished_at = NULL WHERE id = ${last.id}`);
    try {
      const res = await GET();
      expect(res.status).toBe(503);
      const body = await res.json();
      expect(body.status).toBe("down");
      expect(body.checks.migrations.detail).toContain(last.name);
      expect(JSON.stringify(body)).not.toMatch(/sk-ant|postgres(ql)?:\/\//);
    } finally {
      await db.query(sql`UPDATE "_prisma_migrations" SET finished_at = now() WHERE id = ${last.id}`);
    }
  });
});
