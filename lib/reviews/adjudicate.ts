// Disagreements among reviewers wait here for a lead, who sees every decision side by side and
// rules. The ruling is the item's gold (source ADJUDICATION).
import { getDb } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { AppError, fieldErrorsFrom } from "@/lib/errors";
import type { ProjectAccess } from "@/lib/auth/access";
import { decisionValueSchema } from "@/lib/reviews/schemas";
import { audit } from "@/lib/reviews/audit";

export async function listAdjudications(access: ProjectAccess) {
  const db = await getDb();
  const items = await db.item.findMany({
    where: { projectId: access.projectId, needsAdjudication: true },
    orderBy: { id: "asc" },
    take: 50,
    select: { id: true, externalId: true, text: true, decisions: { where: { action: { not: "SKIPPED" } }, select: { annotatorId: true, value: true, blind: true, action: true } } },
  });
  const people = await db.user.findMany({ where: { id: { in: [...new Set(items.flatMap((i) => i.decisions.map((d) => d.annotatorId)))] } }, select: { id: true, name: true } });
  const names = new Map(people.map((p) => [p.id, p.name]));
  return items.map((i) => ({ ...i, decisions: i.decisions.map((d) => ({ ...d, annotatorName: names.get(d.annotatorId) ?? "?" })) }));
}

export async function adjudicate(access: ProjectAccess, itemId: number, value: unknown) {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const [item] = await tx.$queryRaw<{ id: number; text: string }[]>(sql`SELECT id, text FROM "Item" WHERE id = ${itemId} AND "projectId" = ${access.projectId} FOR UPDATE`);
    if (!item) throw new AppError("NOT_FOUND", "Item not found.");
    const v = decisionValueSchema(access.project.taskType, access.project.labels, item.text).safeParse(value);
    if (!v.success) throw new AppError("VALIDATION", "The value does not fit the project's labels or the item's text.", fieldErrorsFrom(v.error.issues));
    // Blind when the reviewers it settles were: the lead rules between their values, not the model's.
    const blind = (await tx.decision.count({ where: { itemId: item.id, action: { not: "SKIPPED" }, blind: false } })) === 0;
    await tx.goldLabel.upsert({
      where: { itemId: item.id },
      create: { itemId: item.id, projectId: access.projectId, value: v.data as object, source: "ADJUDICATION", blind },
      update: { value: v.data as object, source: "ADJUDICATION", blind },
    });
    await tx.item.update({ where: { id: item.id }, data: { needsAdjudication: false, inQueue: false, status: "REVIEWED" } });
    await audit(tx, { projectId: access.projectId, actorId: access.userId, itemId: item.id, kind: "gold.adjudicated", data: { value: v.data } });
  });
}
