// Recording a decision: idempotent by its client id, and turning the item's decisions into gold
// once the project's reviewers per item have decided (agreement), or sending it to adjudication.
import { getDatabase } from "@/lib/db";
import { AppError, fieldErrorsFrom } from "@/lib/errors";
import type { ProjectAccess } from "@/lib/auth/access";
import { type DecisionInput } from "@/lib/reviews/schemas";
import { decisionValueSchema } from "@/lib/values/schema";
import { decisionAction, settleGold } from "@/lib/gold/settle";
import { decisionById, lockItemForDecision, recordDecision, type LockedItemRow } from "@/lib/reviews/sql";
import { type GoldState } from "@/lib/gold/sql";
import type { RecordedDecision } from "@/lib/reviews/types";
import { enqueue } from "@/lib/jobs/define";
import { auditQueue } from "@/lib/gold/job-queues";
import { log } from "@/lib/observability/log";
import { taskTypeDef } from "@/lib/task-types";

export async function submitDecision(access: ProjectAccess, d: DecisionInput): Promise<RecordedDecision> {
  const { project } = access;
  const database = await getDatabase();
  let audited = false;
  const recorded = await database.rawTransaction(async (tx) => {
    const [item] = await tx.query<LockedItemRow>(
      lockItemForDecision({
        itemId: d.itemId,
        projectId: access.projectId,
        userId: access.userId,
        decisionId: d.id,
        withText: taskTypeDef(project.taskType).field === "spans",
      }),
      { prepare: true },
    );
    if (!item) throw new AppError("NOT_FOUND", "Item not found.");
    let value: unknown = null;
    const rejecting = d.action === "REJECTED";
    if (rejecting && item.origin !== "SYNTHETIC")
      throw new AppError("VALIDATION", "Only synthetic items can be rejected as unusable; skip this one instead.", { action: "Not a synthetic item" });
    if (d.action !== "SKIPPED" && !rejecting) {
      const v = decisionValueSchema(project.taskType, project.labels, item.text ?? undefined, project.scales).safeParse(d.value);
      if (!v.success) throw new AppError("VALIDATION", "The value does not fit the project's labels or the item's text.", fieldErrorsFrom(v.error.issues));
      value = v.data;
    }
    if (item.earlier) return sameSubmission(item.earlier, access, d.itemId);
    if (!item.assignment?.open) throw new AppError("CONFLICT", "This item is not assigned to you. Take the next item from the queue.");
    // Blind as the item was shown: fixed when it was leased, whatever the share is now.
    const blind = item.assignment.blind;
    const suggestion = blind ? null : item.suggestion;
    // What the decision means is derived on the server, from what the annotator was shown.
    const action = d.action === "SKIPPED" || rejecting ? d.action : decisionAction(value, suggestion?.value);
    const [row] = await tx.query<{ decision: RecordedDecision | null } & GoldState>(
      recordDecision({
        itemId: d.itemId,
        projectId: access.projectId,
        id: d.id,
        userId: access.userId,
        action,
        value,
        blind,
        suggestionId: suggestion?.id ?? null,
        seconds: d.seconds,
        skipReason: action === "SKIPPED" ? (d.skipReason ?? null) : null,
      }),
      { prepare: true },
    );
    if (!row.decision) {
      const [again] = await tx.query<RecordedDecision>(decisionById(d.id));
      if (again) return sameSubmission(again, access, d.itemId);
      throw new AppError("CONFLICT", "You already decided on this item.");
    }
    if (action !== "SKIPPED") {
      audited = item.autoAudit;
      const values = rejecting ? row.values : [...row.values, value];
      await settleGold(tx, access.projectId, d.itemId, project.reviewersPerItem, {
        values,
        blind: (row.blind ?? true) && blind,
        goldSource: row.goldSource,
        rejected: row.rejected || rejecting,
        audit: item.autoAudit,
      });
    }
    return { ...row.decision, createdAt: new Date(row.decision.createdAt) };
  });
  // The audit is checked after each audited decision, in the background and after the commit (the
  // check reads this decision). The decision is saved whatever happens to the check: the next
  // audited decision, or the next apply, checks again.
  if (audited)
    await enqueue(auditQueue, { projectId: access.projectId }).catch((err) =>
      log.error(`[auto-accept ${access.projectId}] audit check not queued: ${(err as Error).message}`),
    );
  return recorded;
}

/** A resubmission (double click, retry) returns the decision recorded the first time. */
function sameSubmission(earlier: RecordedDecision, access: ProjectAccess, itemId: number): RecordedDecision {
  if (earlier.annotatorId !== access.userId || earlier.projectId !== access.projectId || Number(earlier.itemId) !== itemId)
    throw new AppError("CONFLICT", "That decision id is taken.");
  return { ...earlier, createdAt: new Date(earlier.createdAt) };
}
