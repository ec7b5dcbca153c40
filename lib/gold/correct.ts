// A lead corrects an item's gold on its page, with a reason. The correction stands over later
// changes of the reviewers' answers (like a ruling), is audited with the value it replaced, and
// takes the item out of the blind slice: the lead has seen the model's suggestion there, so the
// new gold may lean on it.
import { getDatabase } from "@/lib/db";
import { lockProjectItem } from "@/lib/gold/adjudicate";
import { writeLeadGold } from "@/lib/gold/sql";
import { AppError, fieldErrorsFrom } from "@/lib/errors";
import type { ProjectAccess } from "@/lib/auth/access";
import { decisionValueSchema } from "@/lib/values/schema";
import { logAuditEvent } from "@/lib/audit/log";

export async function correctGold(access: ProjectAccess, itemId: number, value: unknown, reason: string) {
  if (!reason.trim()) throw new AppError("VALIDATION", "Say why the gold changes: the reason is kept in the audit log.", { reason: "Required" });
  const database = await getDatabase();
  await database.rawTransaction(async (tx) => {
    const item = await lockProjectItem(tx, access, itemId);
    const v = decisionValueSchema(access.project.taskType, access.project.labels, item.text, access.project.scales).safeParse(value);
    if (!v.success) throw new AppError("VALIDATION", "The value does not fit the project's labels or the item's text.", fieldErrorsFrom(v.error.issues));
    const [before] = await tx.query<{ value: unknown; blind: boolean | null }>(
      writeLeadGold({ itemId: item.id, projectId: access.projectId, value: v.data, source: "CORRECTION", blind: false, audit: item.autoAudit }),
    );
    await logAuditEvent(tx, {
      projectId: access.projectId,
      actorId: access.userId,
      itemId: item.id,
      kind: "gold.corrected",
      data: { from: before.value ?? null, to: v.data, reason: reason.trim(), wasBlind: before.blind ?? false },
    });
  });
}
