// A lead saves the datasheet's own text; the next export carries it.
import { getDatabase } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import type { ProjectAccess } from "@/lib/auth/access";
import { logAuditEvent } from "@/lib/audit/log";
import type { LeadText } from "@/lib/exports/datasheet/lead-text";

export async function saveLeadText(access: ProjectAccess, text: LeadText): Promise<void> {
  const database = await getDatabase();
  await database.rawTransaction(async (tx) => {
    await tx.query(sql`UPDATE "Project" SET datasheet = ${JSON.stringify(text)}::jsonb WHERE id = ${access.projectId}`);
    await logAuditEvent(tx, {
      projectId: access.projectId,
      actorId: access.userId,
      itemId: null,
      kind: "datasheet.updated",
      data: { nameReviewers: text.nameReviewers },
    });
  });
}
