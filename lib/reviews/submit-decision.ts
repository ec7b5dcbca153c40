// Recording a decision: idempotent by its client id, and turning the item's decisions into gold
// once the project's reviewers per item have decided (agreement), or sending it to adjudication.
import { getDatabase } from "@/lib/db";
import { AppError, fieldErrorsFrom } from "@/lib/errors";
import { decisionInputSchema, decisionValueSchema } from "@/lib/reviews/schemas";
import { reviewContextSelect, type ReviewContext } from "@/lib/reviews/review-context";
import { decisionAction, GOLD_STATE_COLUMNS, settleGold, type GoldState } from "@/lib/reviews/recompute-gold";

export type RecordedDecision = {
  id: string;
  projectId: string;
  itemId: number;
  annotatorId: string;
  action: "ACCEPTED" | "CORRECTED" | "LABELED" | "SKIPPED";
  value: unknown;
  blind: boolean;
  suggestionId: string | null;
  seconds: number;
  version: number;
  createdAt: Date;
};

/** A Decision row as RecordedDecision, for raw SELECTs and RETURNING clauses. */
export const DECISION_COLUMNS = `id, "projectId", "itemId", "annotatorId", action::text AS action, value, blind, "suggestionId", seconds, version, "createdAt"`;

export async function submitDecision(args: { userId: string; projectId: string; input: unknown }): Promise<RecordedDecision> {
  const parsed = decisionInputSchema.safeParse(args.input);
  if (!parsed.success) throw new AppError("VALIDATION", "Invalid decision.", fieldErrorsFrom(parsed.error.issues));
  const d = parsed.data;
  const database = await getDatabase();
  return database.rawTransaction(async (sql) => {
    // Lock the item (decisions on one item take turns, so gold is derived from all of them) and
    // read, in the same round trip, the caller's membership and the project's settings, the
    // assignment, the suggestion and an earlier submission with this id.
    const [item] = await sql.query<{
      project: ReviewContext | null;
      randKey: number;
      assigned: boolean;
      suggestion: { id: string; value: unknown } | null;
      earlier: RecordedDecision | null;
    }>(
      `SELECT (SELECT row_to_json(c) FROM (${reviewContextSelect("$2", "$3")}) c) AS project,
              i."randKey",
              EXISTS (SELECT 1 FROM "ReviewAssignment" a WHERE a."itemId" = i.id AND a."annotatorId" = $3) AS assigned,
              (SELECT json_build_object('id', s.id, 'value', s.value) FROM "Suggestion" s
               WHERE s."itemId" = i.id AND s.status = 'OK' ORDER BY s."createdAt" DESC LIMIT 1) AS suggestion,
              (SELECT row_to_json(x) FROM (SELECT ${DECISION_COLUMNS} FROM "Decision" WHERE id = $4) x) AS earlier
       FROM "Item" i WHERE i.id = $1 AND i."projectId" = $2 FOR UPDATE OF i`,
      [d.itemId, args.projectId, args.userId, d.id],
      { prepare: true },
    );
    if (!item?.project) throw new AppError("NOT_FOUND", item ? "Project not found." : "Item not found.");
    const project = item.project;
    let value: unknown = null;
    if (d.action !== "SKIPPED") {
      const v = decisionValueSchema(project.taskType, project.labels).safeParse(d.value);
      if (!v.success) throw new AppError("VALIDATION", "The value does not fit the project's labels.", fieldErrorsFrom(v.error.issues));
      value = v.data;
    }
    if (item.earlier) return sameSubmission(item.earlier, { ...args, input: d });
    if (!item.assigned) throw new AppError("CONFLICT", "This item is not assigned to you. Take the next item from the queue.");
    const blind = item.randKey < project.blindShare;
    const suggestion = blind ? null : item.suggestion;
    // What the decision means is derived on the server, from what the annotator was shown.
    const action = d.action === "SKIPPED" ? "SKIPPED" : decisionAction(value, suggestion?.value);
    // Closing the assignment, the decision and its audit event in one statement. The UPDATE waits
    // for, and re-checks against, a concurrent submission of the same item by the same annotator,
    // so exactly one of them records a decision. The statement started after the item's lock was
    // granted, so its snapshot has every other decision on the item: gold is settled from those
    // plus this one without reading again.
    const [row] = await sql.query<{ decision: RecordedDecision | null } & GoldState>(
      `WITH done AS (
         UPDATE "ReviewAssignment" SET "doneAt" = now() WHERE "itemId" = $1 AND "annotatorId" = $4 AND "doneAt" IS NULL RETURNING 1),
       decision AS (
         INSERT INTO "Decision" (id, "projectId", "itemId", "annotatorId", action, value, blind, "suggestionId", seconds, "updatedAt")
         SELECT $3, $2, $1, $4, $5::"DecisionAction", $6::jsonb, $7, $8, $9, now() FROM done
         ON CONFLICT (id) DO NOTHING
         RETURNING ${DECISION_COLUMNS}),
       logged AS (
         INSERT INTO "AuditEvent" ("projectId", "actorId", "itemId", kind, data)
         SELECT "projectId", "annotatorId", "itemId", 'decision.created',
                jsonb_build_object('decisionId', id, 'action', action, 'value', value, 'blind', blind) FROM decision)
       SELECT (SELECT row_to_json(decision) FROM decision) AS decision, ${GOLD_STATE_COLUMNS}`,
      [d.itemId, args.projectId, d.id, args.userId, action, value === null ? null : JSON.stringify(value), blind, suggestion?.id ?? null, d.seconds],
      { prepare: true },
    );
    if (!row.decision) {
      const [again] = await sql.query<RecordedDecision>(`SELECT ${DECISION_COLUMNS} FROM "Decision" WHERE id = $1`, [d.id]);
      if (again) return sameSubmission(again, { ...args, input: d });
      throw new AppError("CONFLICT", "You already decided on this item.");
    }
    if (action !== "SKIPPED") {
      await settleGold(sql, args.projectId, d.itemId, project.reviewersPerItem, { values: [...row.values, value], blind: (row.blind ?? true) && blind, goldSource: row.goldSource });
    }
    return { ...row.decision, createdAt: new Date(row.decision.createdAt) };
  });
}

/** A resubmission (double click, retry) returns the decision recorded the first time. */
function sameSubmission(earlier: RecordedDecision, args: { userId: string; projectId: string; input: { itemId: number } }): RecordedDecision {
  if (earlier.annotatorId !== args.userId || earlier.projectId !== args.projectId || earlier.itemId !== args.input.itemId) throw new AppError("CONFLICT", "That decision id is taken.");
  return { ...earlier, createdAt: new Date(earlier.createdAt) };
}
