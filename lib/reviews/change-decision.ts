// Undo and edit. Undo is for the caller's last decision, once, within a short window
// (REVIEW_UNDO_WINDOW_SECONDS): it removes the decision and hands the item back. It never reaches
// further back; older decisions are changed with an edit, which is versioned (a stale version gets
// CONFLICT with the current value) and audited.
import { getDatabase } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError, fieldErrorsFrom } from "@/lib/errors";
import type { ProjectAccess } from "@/lib/auth/access";
import { REVIEW_LEASE_SECONDS, type EditDecisionInput } from "@/lib/reviews/schemas";
import { decisionValueSchema } from "@/lib/values/schema";
import { parseValue } from "@/lib/values/value";
import { decisionAction, recomputeGold } from "@/lib/gold/settle";
import { toTask } from "@/lib/reviews/claim-next";
import { currentVersion, editDecisionValue, lastDecisionOf, ownDecision, undoDecision, withTask, type TaskRow } from "@/lib/reviews/sql";
import { lockItem } from "@/lib/gold/sql";
import { sql } from "@/lib/db/sql";
import type { RecordedDecision, ReviewTask } from "@/lib/reviews/types";

/** Undoes this annotator's most recent decision in the project; returns the item to review again, with the answer that was undone. */
export async function undoLastDecision(access: ProjectAccess): Promise<ReviewTask & { previous: { action: RecordedDecision["action"]; value: unknown } }> {
  const database = await getDatabase();
  return database.rawTransaction(async (tx) => {
    const [last] = await tx.query<RecordedDecision & { lastUndoAt: Date | null }>(lastDecisionOf(access.projectId, access.userId));
    if (!last) throw new AppError("CONFLICT", "Nothing to undo: you have not decided anything in this project yet.");
    const made = new Date(last.createdAt).getTime();
    if (last.lastUndoAt && new Date(last.lastUndoAt).getTime() >= made) {
      throw new AppError("CONFLICT", "You already undid your last decision. Older decisions can be changed from your recent decisions.");
    }
    const window = env().undoWindowSeconds;
    if (Date.now() - made > window * 1000) {
      const minutes = Math.max(1, Math.round(window / 60));
      throw new AppError(
        "CONFLICT",
        `Your last decision is older than ${minutes} minute${minutes === 1 ? "" : "s"}: change it from your recent decisions instead.`,
      );
    }
    await tx.query(lockItem(last.itemId));
    // Data-modifying CTEs must be at the top level, so the task is read by a second statement.
    const [lease] = await tx.query<{ itemId: number; leasedUntil: Date; blind: boolean }>(
      undoDecision({ decision: { ...last, itemId: Number(last.itemId) }, leaseSeconds: REVIEW_LEASE_SECONDS }),
    );
    await recomputeGold(tx, access.projectId, Number(last.itemId), access.project.reviewersPerItem);
    const [task] = await tx.query<TaskRow>(
      withTask(
        sql`SELECT ${lease.itemId}::int AS "itemId", ${access.userId}::text AS "annotatorId", ${lease.leasedUntil}::timestamptz AS "leasedUntil", ${lease.blind}::boolean AS blind`,
      ),
    );
    const taskType = access.project.taskType;
    return { ...toTask(task, taskType), previous: { action: last.action, value: last.value === null ? null : parseValue(taskType, last.value) } };
  });
}

export async function editDecision(access: ProjectAccess, decisionId: string, input: EditDecisionInput): Promise<RecordedDecision> {
  const database = await getDatabase();
  return database.rawTransaction(async (tx) => {
    const [current] = await tx.query<RecordedDecision & { suggestionValue: unknown; itemText: string }>(
      ownDecision({ decisionId, projectId: access.projectId, userId: access.userId }),
    );
    if (!current) throw new AppError("NOT_FOUND", "Decision not found.");
    const { taskType, labels, scales } = access.project;
    const value = decisionValueSchema(taskType, labels, current.itemText, scales).safeParse(input.value);
    if (!value.success)
      throw new AppError("VALIDATION", "The value does not fit the project's labels or the item's text.", fieldErrorsFrom(value.error.issues));
    await tx.query(lockItem(Number(current.itemId)));
    const action = decisionAction(value.data, current.action === "SKIPPED" || current.blind ? null : current.suggestionValue);
    const [updated] = await tx.query<RecordedDecision>(
      editDecisionValue({ id: current.id, version: input.version, value: value.data, action, previous: current.value }),
    );
    if (!updated) {
      const [now] = await tx.query<{ value: unknown; version: number }>(currentVersion(current.id));
      throw new AppError("CONFLICT", "This decision was changed meanwhile. Here is its current value.", { current: JSON.stringify(now) });
    }
    await recomputeGold(tx, access.projectId, Number(current.itemId), access.project.reviewersPerItem);
    return { ...updated, createdAt: new Date(updated.createdAt) };
  });
}
