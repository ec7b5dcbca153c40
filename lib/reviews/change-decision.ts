// Undo and edit. Undo removes the annotator's latest decision and hands the item back to them;
// edits use optimistic concurrency: a stale version gets CONFLICT with the current value.
import { getDb } from "@/lib/db";
import { AppError, fieldErrorsFrom } from "@/lib/errors";
import { requireProjectRole } from "@/lib/auth/project-role";
import type { TaskType } from "@/lib/llm/output-schema";
import { decisionValueSchema, editDecisionSchema, REVIEW_LEASE_SECONDS } from "@/lib/reviews/schemas";
import { recomputeGold, valueKey } from "@/lib/reviews/submit-decision";
import { reviewTask, type ReviewTask } from "@/lib/reviews/claim-next";
import { audit } from "@/lib/reviews/audit";

/** Undoes this annotator's most recent decision in the project; returns the item to review again. */
export async function undoLastDecision(args: { userId: string; projectId: string }): Promise<ReviewTask | null> {
  await requireProjectRole(args.userId, args.projectId);
  const db = await getDb();
  const project = await db.project.findUniqueOrThrow({ where: { id: args.projectId }, select: { reviewersPerItem: true, blindShare: true } });
  const leasedUntil = new Date(Date.now() + REVIEW_LEASE_SECONDS * 1000);
  const itemId = await db.$transaction(async (tx) => {
    const last = await tx.decision.findFirst({ where: { projectId: args.projectId, annotatorId: args.userId }, orderBy: { createdAt: "desc" } });
    if (!last) return null;
    await tx.$executeRawUnsafe(`SELECT 1 FROM "Item" WHERE id = $1 FOR UPDATE`, last.itemId);
    await tx.decision.delete({ where: { id: last.id } });
    await audit(tx, { projectId: args.projectId, actorId: args.userId, itemId: last.itemId, kind: "decision.undone", data: { decisionId: last.id, action: last.action, value: last.value } });
    await tx.reviewAssignment.update({ where: { itemId_annotatorId: { itemId: last.itemId, annotatorId: args.userId } }, data: { doneAt: null, leasedUntil } });
    await recomputeGold(tx, args.projectId, last.itemId, project.reviewersPerItem);
    return last.itemId;
  });
  return itemId === null ? null : reviewTask(args.projectId, itemId, project.blindShare, leasedUntil);
}

export async function editDecision(args: { userId: string; projectId: string; decisionId: string; input: unknown }) {
  await requireProjectRole(args.userId, args.projectId);
  const parsed = editDecisionSchema.safeParse(args.input);
  if (!parsed.success) throw new AppError("VALIDATION", "Invalid edit.", fieldErrorsFrom(parsed.error.issues));
  const db = await getDb();
  const project = await db.project.findUniqueOrThrow({ where: { id: args.projectId }, select: { taskType: true, reviewersPerItem: true, labels: { select: { name: true } } } });
  const value = decisionValueSchema(project.taskType as TaskType, project.labels.map((l) => l.name)).safeParse(parsed.data.value);
  if (!value.success) throw new AppError("VALIDATION", "The value does not fit the project's labels.", fieldErrorsFrom(value.error.issues));
  return db.$transaction(async (tx) => {
    const current = await tx.decision.findFirst({ where: { id: args.decisionId, projectId: args.projectId, annotatorId: args.userId } });
    if (!current) throw new AppError("NOT_FOUND", "Decision not found.");
    const suggestion = current.suggestionId ? await tx.suggestion.findUnique({ where: { id: current.suggestionId }, select: { value: true } }) : null;
    const action = current.action === "SKIPPED" || current.blind || !suggestion ? "LABELED" : valueKey(value.data) === valueKey(suggestion.value) ? "ACCEPTED" : "CORRECTED";
    const updated = await tx.decision.updateMany({
      where: { id: current.id, version: parsed.data.version },
      data: { value: value.data as object, action, version: { increment: 1 } },
    });
    if (updated.count !== 1) {
      throw new AppError("CONFLICT", "This decision was changed meanwhile. Here is its current value.", { current: JSON.stringify({ value: current.value, version: current.version }) });
    }
    await audit(tx, { projectId: args.projectId, actorId: args.userId, itemId: current.itemId, kind: "decision.edited", data: { decisionId: current.id, from: current.value, to: value.data, version: current.version + 1 } });
    await tx.$executeRawUnsafe(`SELECT 1 FROM "Item" WHERE id = $1 FOR UPDATE`, current.itemId);
    await recomputeGold(tx, args.projectId, current.itemId, project.reviewersPerItem);
    return tx.decision.findUniqueOrThrow({ where: { id: current.id } });
  });
}
