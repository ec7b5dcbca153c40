import { getDb } from "@/lib/db";
import { mapPrismaError } from "@/lib/errors";
import type { ProjectAccess } from "@/lib/auth/access";
import type { PromptVersionInput } from "@/lib/prompts/schemas";

/** Saves the next immutable version; it becomes the project's current prompt. */
export async function createPromptVersion(access: ProjectAccess, input: PromptVersionInput) {
  const db = await getDb();
  const last = await db.promptVersion.findFirst({ where: { projectId: access.projectId }, orderBy: { number: "desc" }, select: { number: true } });
  try {
    return await db.promptVersion.create({
      data: { projectId: access.projectId, number: (last?.number ?? 0) + 1, createdById: access.userId, ...input },
    });
  } catch (err) {
    throw mapPrismaError(err, "Someone saved a prompt at the same moment. Reload and try again.");
  }
}
