// A project of n reviewed items (suggestion, gold, 10% blind), loaded in three statements, for
// export tests.
import { getDb } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { createTestProject, createTestUser } from "@/lib/testing/factories";

export async function reviewedProject(n: number, text = (i: number) => `item ${i}`) {
  const lead = await createTestUser();
  const { id: projectId } = await createTestProject(lead.id);
  const db = await getDb();
  const version = await db.promptVersion.create({
    data: { projectId, number: 1, modelId: "m", strategy: "ZERO_SHOT", instructions: "x", settings: {}, createdById: lead.id },
  });
  await db.$executeRaw(
    sql`INSERT INTO "Item" ("projectId", "externalId", text, metadata, status, "reviewCount", "inQueue")
        SELECT ${projectId}, 'e' || g, ${text(0).replace(/0$/, "")} || g, jsonb_build_object('n', g), 'REVIEWED', 1, false FROM generate_series(1, ${n}::int) g`,
  );
  await db.$executeRaw(
    sql`INSERT INTO "Suggestion" (id, "projectId", "itemId", "promptVersionId", status, value, confidence, model)
        SELECT 's' || id, ${projectId}, id, ${version.id}, 'OK', jsonb_build_object('label', CASE WHEN id % 3 = 0 THEN 'negative' ELSE 'positive' END), 0.8, 'm' FROM "Item" WHERE "projectId" = ${projectId}`,
  );
  await db.$executeRaw(
    sql`INSERT INTO "GoldLabel" ("itemId", "projectId", value, source, blind, "updatedAt")
        SELECT id, ${projectId}, jsonb_build_object('label', CASE WHEN id % 4 = 0 THEN 'negative' ELSE 'positive' END), 'SINGLE_REVIEW', id % 10 = 0, now() FROM "Item" WHERE "projectId" = ${projectId}`,
  );
  // What autovacuum does after a bulk load: without statistics the planner takes a 30,000-row
  // table for a hundred rows and looks suggestions up through the wrong index.
  await db.$executeRaw(sql`ANALYZE "Item", "Suggestion", "GoldLabel"`);
  return { lead, projectId };
}
