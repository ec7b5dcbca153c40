// A label an import brings that the project lacks, added when the lead chose so: appended after
// the others with the next colour, or brought back if it had been retired. Safe to call twice.
import crypto from "node:crypto";
import { getDb } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { LABEL_COLORS } from "@/lib/projects/schemas";

export async function ensureLabel(projectId: string, name: string): Promise<void> {
  const db = await getDb();
  await db.$executeRaw(sql`
    INSERT INTO "Label" (id, "projectId", name, description, color, position)
    SELECT ${crypto.randomUUID()}, ${projectId}, ${name}, 'Added by an import', (${JSON.stringify(LABEL_COLORS)}::jsonb ->> (count(*)::int % ${LABEL_COLORS.length})), coalesce(max(position) + 1, 0)
    FROM "Label" WHERE "projectId" = ${projectId}
    ON CONFLICT ("projectId", name) DO UPDATE SET "retiredAt" = NULL`);
}
