import { getDb } from "@/lib/db";
import { AppError, fieldErrorsFrom } from "@/lib/errors";
import type { Caller } from "@/lib/auth/access";
import { getInstanceSettings, mayCreateProjects } from "@/lib/instance/settings";
import { projectSchema, type ProjectInput } from "@/lib/projects/schemas";

/**
 * Creating a project makes its creator a lead, who can then spend the instance's API key on it:
 * who may do so is an instance setting (default: admins and people who already lead a project).
 * The project starts with the instance's default budget.
 */
export async function createProject(caller: Caller, input: ProjectInput) {
  if (!(await mayCreateProjects(caller))) {
    throw new AppError("FORBIDDEN", "You cannot create projects on this instance. Ask an admin, or a lead to invite you to theirs.");
  }
  return insertProject(caller.userId, input);
}

/** The project row, its labels and its first lead. For callers that already checked who may create projects. */
export async function insertProject(userId: string, input: unknown) {
  const parsed = projectSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "Check the highlighted fields.", fieldErrorsFrom(parsed.error.issues));
  const p = parsed.data;
  const { defaultProjectBudgetUsd } = await getInstanceSettings();
  const db = await getDb();
  return db.project.create({
    data: {
      name: p.name,
      description: p.description,
      taskType: p.taskType,
      guidelines: p.guidelines,
      budgetUsd: defaultProjectBudgetUsd,
      createdById: userId,
      memberships: { create: { userId, role: "LEAD" } },
      labels: {
        create: p.labels.map((l, position) => ({
          name: l.name,
          description: l.description,
          color: l.color,
          hotkey: l.hotkey,
          position,
          scale: l.scale ?? undefined,
        })),
      },
    },
    select: { id: true },
  });
}
