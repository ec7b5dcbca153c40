import { getDb } from "@/lib/db";
import { AppError, fieldErrorsFrom } from "@/lib/errors";
import { projectSchema } from "@/lib/projects/schemas";

/** Any signed-in user can create a project; they become its LEAD. */
export async function createProject(args: { userId: string; input: unknown }) {
  const parsed = projectSchema.safeParse(args.input);
  if (!parsed.success) throw new AppError("VALIDATION", "Check the highlighted fields.", fieldErrorsFrom(parsed.error.issues));
  const p = parsed.data;
  const db = await getDb();
  return db.project.create({
    data: {
      name: p.name,
      description: p.description,
      taskType: p.taskType,
      guidelines: p.guidelines,
      createdById: args.userId,
      memberships: { create: { userId: args.userId, role: "LEAD" } },
      labels: {
        create: p.labels.map((l, position) => ({
          name: l.name,
          description: l.description,
          color: l.color,
          hotkey: l.hotkey,
          position,
        })),
      },
    },
    select: { id: true },
  });
}
