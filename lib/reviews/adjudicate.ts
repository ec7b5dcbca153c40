// Disagreements among reviewers wait here for a lead, who sees every decision side by side and
// rules. The ruling is the item's gold (source ADJUDICATION).
import { getDb } from "@/lib/db";
import { AppError, fieldErrorsFrom } from "@/lib/errors";
import { requireProjectRole } from "@/lib/auth/project-role";
import type { TaskType } from "@/lib/llm/output-schema";
import { decisionValueSchema } from "@/lib/reviews/schemas";
import { audit } from "@/lib/reviews/audit";

export async function listAdjudications(userId: string, projectId: string) {
  await requireProjectRole(userId, projectId, "LEAD");
  const db = await getDb();
  const items = await db.item.findMany({
    where: { projectId, needsAdjudication: true },
    orderBy: { id: "asc" },
    take: 50,
    select: { id: true, externalId: true, text: true, decisions: { where: { action: { not: "SKIPPED" } }, select: { annotatorId: true, value: true, blind: true, action: true } } },
  });
  const people = await db.user.findMany({ where: { id: { in: [...new Set(items.flatMap((i) => i.decisions.map((d) => d.annotatorId)))] } }, select: { id: true, name: true } });
  const names = new Map(people.map((p) => [p.id, p.name]));
  return items.map((i) => ({ ...i, decisions: i.decisions.map((d) => ({ ...d, annotatorName: names.get(d.annotatorId) ?? "?" })) }));
}

export async function adjudicate(args: { userId: string; projectId: string; itemId: number; value: unknown }) {
  await requireProjectRole(args.userId, args.projectId, "LEAD");
  const db = await getDb();
  const project = await db.project.findUniqueOrThrow({ where: { id: args.projectId }, select: { taskType: true, labels: { select: { name: true } } } });
  const v = decisionValueSchema(project.taskType as TaskType, project.labels.map((l) => l.name)).safeParse(args.value);
  if (!v.success) throw new AppError("VALIDATION", "The value does not fit the project's labels.", fieldErrorsFrom(v.error.issues));
  await db.$transaction(async (tx) => {
    const item = await tx.item.findFirst({ where: { id: args.itemId, projectId: args.projectId }, select: { id: true } });
    if (!item) throw new AppError("NOT_FOUND", "Item not found.");
    await tx.$executeRawUnsafe(`SELECT 1 FROM "Item" WHERE id = $1 FOR UPDATE`, item.id);
    // Blind when the reviewers it settles were: the lead rules between their values, not the model's.
    const blind = (await tx.decision.count({ where: { itemId: item.id, action: { not: "SKIPPED" }, blind: false } })) === 0;
    await tx.goldLabel.upsert({
      where: { itemId: item.id },
      create: { itemId: item.id, projectId: args.projectId, value: v.data as object, source: "ADJUDICATION", blind },
      update: { value: v.data as object, source: "ADJUDICATION", blind },
    });
    await tx.item.update({ where: { id: item.id }, data: { needsAdjudication: false, inQueue: false, status: "REVIEWED" } });
    await audit(tx, { projectId: args.projectId, actorId: args.userId, itemId: item.id, kind: "gold.adjudicated", data: { value: v.data } });
  });
}
