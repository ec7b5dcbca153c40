// Recording a decision: idempotent by its client id, and turning the item's decisions into gold
// once the project's reviewers per item have decided (agreement), or sending it to adjudication.
import { getDb } from "@/lib/db";
import { AppError, fieldErrorsFrom } from "@/lib/errors";
import { requireProjectRole } from "@/lib/auth/project-role";
import type { Prisma } from "@/lib/generated/prisma/client";
import { decisionInputSchema, decisionValueSchema } from "@/lib/reviews/schemas";
import { audit } from "@/lib/reviews/audit";
import type { TaskType } from "@/lib/llm/output-schema";

/** Canonical JSON of a value, so ["b","a"] and ["a","b"] agree. */
export function valueKey(v: unknown): string {
  const x = v as { label?: string; labels?: string[]; spans?: { label: string; start: number; end: number }[] };
  if (x?.labels) return JSON.stringify({ labels: [...x.labels].sort() });
  if (x?.spans) return JSON.stringify({ spans: x.spans.map((s) => [s.start, s.end, s.label]).sort() });
  return JSON.stringify({ label: x?.label });
}

/** Re-derives an item's gold from its decisions (after a decision, an undo or an edit). */
export async function recomputeGold(tx: Prisma.TransactionClient, projectId: string, itemId: number, k: number) {
  const decisions = await tx.decision.findMany({ where: { itemId, projectId, action: { not: "SKIPPED" } }, select: { value: true } });
  const gold = await tx.goldLabel.findUnique({ where: { itemId }, select: { source: true } });
  await tx.item.update({ where: { id: itemId }, data: { reviewCount: decisions.length, inQueue: decisions.length < k } });
  if (gold?.source === "ADJUDICATION") {
    await tx.item.update({ where: { id: itemId }, data: { inQueue: false } });
    return; // a lead's ruling stands until a lead changes it
  }
  if (decisions.length < k) {
    if (gold) await tx.goldLabel.delete({ where: { itemId } });
    await tx.item.update({ where: { id: itemId }, data: { needsAdjudication: false, status: "PRELABELED" } });
    await tx.item.updateMany({ where: { id: itemId, suggestionConfidence: null }, data: { status: "NEW" } });
    return;
  }
  const agree = new Set(decisions.map((d) => valueKey(d.value))).size === 1;
  if (agree) {
    const data = { value: decisions[0].value as object, source: k === 1 ? ("SINGLE_REVIEW" as const) : ("AGREEMENT" as const) };
    await tx.goldLabel.upsert({ where: { itemId }, create: { itemId, projectId, ...data }, update: data });
    await tx.item.update({ where: { id: itemId }, data: { status: "REVIEWED", needsAdjudication: false } });
  } else {
    if (gold) await tx.goldLabel.delete({ where: { itemId } });
    await tx.item.update({ where: { id: itemId }, data: { needsAdjudication: true, inQueue: false } });
  }
}

export async function submitDecision(args: { userId: string; projectId: string; input: unknown }) {
  await requireProjectRole(args.userId, args.projectId);
  const parsed = decisionInputSchema.safeParse(args.input);
  if (!parsed.success) throw new AppError("VALIDATION", "Invalid decision.", fieldErrorsFrom(parsed.error.issues));
  const d = parsed.data;
  const db = await getDb();
  const project = await db.project.findUniqueOrThrow({
    where: { id: args.projectId },
    select: { taskType: true, reviewersPerItem: true, blindShare: true, labels: { select: { name: true } } },
  });
  let value: unknown = null;
  if (d.action !== "SKIPPED") {
    const v = decisionValueSchema(project.taskType as TaskType, project.labels.map((l) => l.name)).safeParse(d.value);
    if (!v.success) throw new AppError("VALIDATION", "The value does not fit the project's labels.", fieldErrorsFrom(v.error.issues));
    value = v.data;
  }

  return db.$transaction(async (tx) => {
    const existing = await tx.decision.findUnique({ where: { id: d.id } });
    if (existing) {
      if (existing.annotatorId !== args.userId || existing.projectId !== args.projectId) throw new AppError("CONFLICT", "That decision id is taken.");
      return existing; // a resubmission: recorded once
    }
    const item = await tx.item.findFirst({ where: { id: d.itemId, projectId: args.projectId }, select: { id: true, randKey: true } });
    if (!item) throw new AppError("NOT_FOUND", "Item not found.");
    // Lock the item: decisions on one item take turns, so the gold is derived from all of them.
    await tx.$executeRawUnsafe(`SELECT 1 FROM "Item" WHERE id = $1 FOR UPDATE`, item.id);
    const assignment = await tx.reviewAssignment.findUnique({ where: { itemId_annotatorId: { itemId: item.id, annotatorId: args.userId } } });
    if (!assignment) throw new AppError("CONFLICT", "This item is not assigned to you. Take the next item from the queue.");
    if (assignment.doneAt) throw new AppError("CONFLICT", "You already decided on this item.");
    const blind = item.randKey < project.blindShare;
    const suggestion = blind ? null : await tx.suggestion.findFirst({ where: { itemId: item.id, status: "OK" }, orderBy: { createdAt: "desc" }, select: { id: true, value: true } });
    // What the decision means is derived on the server, from what the annotator was shown.
    const action =
      d.action === "SKIPPED" ? "SKIPPED" : blind || !suggestion ? "LABELED" : valueKey(value) === valueKey(suggestion.value) ? "ACCEPTED" : "CORRECTED";
    const decision = await tx.decision.create({
      data: {
        id: d.id,
        projectId: args.projectId,
        itemId: item.id,
        annotatorId: args.userId,
        action,
        value: value === null ? undefined : (value as object),
        blind,
        suggestionId: suggestion?.id ?? null,
        seconds: d.seconds,
      },
    });
    await tx.reviewAssignment.update({ where: { itemId_annotatorId: { itemId: item.id, annotatorId: args.userId } }, data: { doneAt: new Date() } });
    await audit(tx, { projectId: args.projectId, actorId: args.userId, itemId: item.id, kind: "decision.created", data: { decisionId: d.id, action, value, blind } });
    if (action !== "SKIPPED") await recomputeGold(tx, args.projectId, item.id, project.reviewersPerItem);
    return decision;
  });
}
