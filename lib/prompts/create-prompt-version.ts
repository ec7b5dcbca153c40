import { getDb } from "@/lib/db";
import { AppError, fieldErrorsFrom, mapPrismaError } from "@/lib/errors";
import { requireProjectRole } from "@/lib/auth/project-role";
import { promptVersionSchema } from "@/lib/prompts/schemas";

/** Saves the next immutable version; it becomes the project's current prompt. */
export async function createPromptVersion(args: { userId: string; projectId: string; input: unknown }) {
  await requireProjectRole(args.userId, args.projectId, "LEAD");
  const parsed = promptVersionSchema.safeParse(args.input);
  if (!parsed.success) throw new AppError("VALIDATION", "Check the highlighted fields.", fieldErrorsFrom(parsed.error.issues));
  const db = await getDb();
  const last = await db.promptVersion.findFirst({ where: { projectId: args.projectId }, orderBy: { number: "desc" }, select: { number: true } });
  try {
    return await db.promptVersion.create({
      data: { projectId: args.projectId, number: (last?.number ?? 0) + 1, createdById: args.userId, ...parsed.data },
    });
  } catch (err) {
    throw mapPrismaError(err, "Someone saved a prompt at the same moment. Reload and try again.");
  }
}
