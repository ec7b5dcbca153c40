// Undo and edit. Undo removes the annotator's latest decision and hands the item back to them;
// edits use optimistic concurrency: a stale version gets CONFLICT with the current value.
import { getDatabase } from "@/lib/db";
import { AppError, fieldErrorsFrom } from "@/lib/errors";
import { decisionValueSchema, editDecisionSchema, REVIEW_LEASE_SECONDS } from "@/lib/reviews/schemas";
import { loadReviewContext } from "@/lib/reviews/review-context";
import { decisionAction, recomputeGold } from "@/lib/reviews/recompute-gold";
import { toTask, withTask, type ReviewTask, type TaskRow } from "@/lib/reviews/claim-next";
import { DECISION_COLUMNS, type RecordedDecision } from "@/lib/reviews/submit-decision";

/** Undoes this annotator's most recent decision in the project; returns the item to review again. */
export async function undoLastDecision(args: { userId: string; projectId: string }): Promise<ReviewTask | null> {
  const database = await getDatabase();
  return database.rawTransaction(async (sql) => {
    const project = await loadReviewContext(sql, args.userId, args.projectId);
    const [last] = await sql.query<RecordedDecision>(
      `SELECT ${DECISION_COLUMNS} FROM "Decision" WHERE "projectId" = $1 AND "annotatorId" = $2 ORDER BY "createdAt" DESC LIMIT 1`,
      [args.projectId, args.userId],
    );
    if (!last) return null;
    await sql.query(`SELECT 1 FROM "Item" WHERE id = $1 FOR UPDATE`, [last.itemId]);
    const [lease] = await sql.query<{ leasedUntil: Date }>(
      `WITH gone AS (DELETE FROM "Decision" WHERE id = $1),
       logged AS (INSERT INTO "AuditEvent" ("projectId", "actorId", "itemId", kind, data)
                  VALUES ($2, $3, $4, 'decision.undone', jsonb_build_object('decisionId', $1::text, 'action', $5::text, 'value', $6::jsonb)))
       UPDATE "ReviewAssignment" SET "doneAt" = NULL, "leasedUntil" = now() + make_interval(secs => $7)
       WHERE "itemId" = $4 AND "annotatorId" = $3 RETURNING "leasedUntil"`,
      [last.id, args.projectId, args.userId, last.itemId, last.action, last.value === null ? null : JSON.stringify(last.value), REVIEW_LEASE_SECONDS],
    );
    await recomputeGold(sql, args.projectId, last.itemId, project.reviewersPerItem);
    const [task] = await sql.query<TaskRow>(withTask(`SELECT $1::int AS "itemId", $2::timestamptz AS "leasedUntil"`), [last.itemId, lease.leasedUntil]);
    return toTask(task, project.blindShare);
  });
}

export async function editDecision(args: { userId: string; projectId: string; decisionId: string; input: unknown }): Promise<RecordedDecision> {
  const parsed = editDecisionSchema.safeParse(args.input);
  if (!parsed.success) throw new AppError("VALIDATION", "Invalid edit.", fieldErrorsFrom(parsed.error.issues));
  const database = await getDatabase();
  return database.rawTransaction(async (sql) => {
    const project = await loadReviewContext(sql, args.userId, args.projectId);
    const value = decisionValueSchema(project.taskType, project.labels).safeParse(parsed.data.value);
    if (!value.success) throw new AppError("VALIDATION", "The value does not fit the project's labels.", fieldErrorsFrom(value.error.issues));
    const [current] = await sql.query<RecordedDecision & { suggestionValue: unknown }>(
      `SELECT ${DECISION_COLUMNS}, (SELECT s.value FROM "Suggestion" s WHERE s.id = d."suggestionId") AS "suggestionValue"
       FROM "Decision" d WHERE id = $1 AND "projectId" = $2 AND "annotatorId" = $3`,
      [args.decisionId, args.projectId, args.userId],
    );
    if (!current) throw new AppError("NOT_FOUND", "Decision not found.");
    await sql.query(`SELECT 1 FROM "Item" WHERE id = $1 FOR UPDATE`, [current.itemId]);
    const action = decisionAction(value.data, current.action === "SKIPPED" || current.blind ? null : current.suggestionValue);
    // The version check and the write are one statement: of two edits from the same version, one wins.
    const [updated] = await sql.query<RecordedDecision>(
      `WITH changed AS (
         UPDATE "Decision" SET value = $3::jsonb, action = $4::"DecisionAction", version = version + 1, "updatedAt" = now()
         WHERE id = $1 AND version = $2 RETURNING ${DECISION_COLUMNS}),
       logged AS (
         INSERT INTO "AuditEvent" ("projectId", "actorId", "itemId", kind, data)
         SELECT "projectId", "annotatorId", "itemId", 'decision.edited',
                jsonb_build_object('decisionId', id, 'from', $5::jsonb, 'to', value, 'version', version) FROM changed)
       SELECT * FROM changed`,
      [current.id, parsed.data.version, JSON.stringify(value.data), action, current.value === null ? null : JSON.stringify(current.value)],
    );
    if (!updated) {
      const [now] = await sql.query<{ value: unknown; version: number }>(`SELECT value, version FROM "Decision" WHERE id = $1`, [current.id]);
      throw new AppError("CONFLICT", "This decision was changed meanwhile. Here is its current value.", { current: JSON.stringify(now) });
    }
    await recomputeGold(sql, args.projectId, current.itemId, project.reviewersPerItem);
    return { ...updated, createdAt: new Date(updated.createdAt) };
  });
}
