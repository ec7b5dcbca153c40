// A lead corrects an item's gold on its page, with a reason. The correction stands over later
// changes of the reviewers' answers (like a ruling), is audited with the value it replaced, and
// takes the item out of the blind slice: the lead has seen the model's suggestion there, so the
// new gold may lean on it.
import { getDb } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { AppError, fieldErrorsFrom } from "@/lib/errors";
import type { ProjectAccess } from "@/lib/auth/access";
import { decisionValueSchema } from "@/lib/values/schema";
import { logAuditEvent } from "@/lib/audit/log";

export async function correctGold(access: ProjectAccess, itemId: number, value: unknown, reason: string) {
  if (!reason.trim()) throw new AppError("VALIDATION", "Say why the gold changes: the reason is kept in the audit log.", { reason: "Required" });
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const [item] = await tx.$queryRaw<{ id: number; text: string; autoAudit: boolean }[]>(
      sql`SELECT id, text, "autoAudit" FROM "Item" WHERE id = ${itemId} AND "projectId" = ${access.projectId} FOR UPDATE`,
    );
    if (!item) throw new AppError("NOT_FOUND", "Item not found.");
    const v = decisionValueSchema(access.project.taskType, access.project.labels, item.text).safeParse(value);
    if (!v.success) throw new AppError("VALIDATION", "The value does not fit the project's labels or the item's text.", fieldErrorsFrom(v.error.issues));
    const before = await tx.goldLabel.findUnique({ where: { itemId: item.id } });
    await tx.goldLabel.upsert({
      where: { itemId: item.id },
      // An audit item stays in the audit's slice whoever sets its gold.
      create: { itemId: item.id, projectId: access.projectId, value: v.data as object, source: "CORRECTION", blind: false, audit: item.autoAudit },
      update: { value: v.data as object, source: "CORRECTION", blind: false, audit: item.autoAudit },
    });
    await tx.item.update({ where: { id: item.id }, data: { needsAdjudication: false, inQueue: false, status: "REVIEWED" } });
    await logAuditEvent(tx, { projectId: access.projectId, actorId: access.userId, itemId: item.id, kind: "gold.corrected", data: { from: before?.value ?? null, to: v.data, reason: reason.trim(), wasBlind: before?.blind ?? false } });
  });
}
