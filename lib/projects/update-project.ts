import { getDb } from "@/lib/db";
import { AppError, fieldErrorsFrom } from "@/lib/errors";
import { requireProjectRole } from "@/lib/auth/project-role";
import { projectSchema } from "@/lib/projects/schemas";

/**
 * Leads edit name, description, guidelines and labels. Labels keep their ids (later suggestions
 * and decisions refer to them); removed labels are deleted, new ones created. The task type is
 * fixed once items exist, since every stored value is shaped by it.
 */
export async function updateProject(args: { userId: string; projectId: string; input: unknown }) {
  await requireProjectRole(args.userId, args.projectId, "LEAD");
  const parsed = projectSchema.safeParse(args.input);
  if (!parsed.success) throw new AppError("VALIDATION", "Check the highlighted fields.", fieldErrorsFrom(parsed.error.issues));
  const p = parsed.data;
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const current = await tx.project.findFirstOrThrow({ where: { id: args.projectId }, select: { taskType: true } });
    if (current.taskType !== p.taskType && (await tx.item.findFirst({ where: { projectId: args.projectId }, select: { id: true } }))) {
      throw new AppError("VALIDATION", "The task type cannot change once items are imported.", { taskType: "Fixed once items exist" });
    }
    await tx.project.update({
      where: { id: args.projectId },
      data: { name: p.name, description: p.description, taskType: p.taskType, guidelines: p.guidelines },
    });
    const keepIds = p.labels.map((l) => l.id).filter((id): id is string => Boolean(id));
    await tx.label.deleteMany({ where: { projectId: args.projectId, id: { notIn: keepIds } } });
    // Clear names and hotkeys first so swapping two labels' hotkeys does not trip the unique index.
    await tx.label.updateMany({
      where: { projectId: args.projectId },
      data: { hotkey: null },
    });
    const existing = await tx.label.findMany({ where: { projectId: args.projectId }, select: { id: true } });
    for (const l of existing) await tx.label.update({ where: { id: l.id }, data: { name: `__renaming_${l.id}` } });
    for (const [position, l] of p.labels.entries()) {
      const data = { name: l.name, description: l.description, color: l.color, hotkey: l.hotkey, position };
      if (l.id && keepIds.includes(l.id)) {
        await tx.label.updateMany({ where: { id: l.id, projectId: args.projectId }, data });
      } else {
        await tx.label.create({ data: { ...data, projectId: args.projectId } });
      }
    }
  });
}

export async function setProjectArchived(args: { userId: string; projectId: string; archived: boolean }) {
  await requireProjectRole(args.userId, args.projectId, "LEAD");
  const db = await getDb();
  await db.project.update({ where: { id: args.projectId }, data: { archivedAt: args.archived ? new Date() : null } });
}
