import { getDb } from "@/lib/db";
import { mapPrismaError } from "@/lib/errors";
import type { ProjectAccess } from "@/lib/auth/access";
import type { PromptVersionInput } from "@/lib/prompts/schemas";
import type { Prisma } from "@/lib/generated/prisma/client";

/** What a proposed candidate adds (lib/alignment/test-round.ts); a trial version is not current until promoted. */
export type CandidateFields = { trial: true; parentId: string; provenance: Prisma.InputJsonObject; labelDescriptions: Record<string, string> };

/** Saves the next immutable version; it becomes the project's current prompt unless it is a trial. */
export async function createPromptVersion(access: ProjectAccess, input: PromptVersionInput, candidate?: CandidateFields) {
  const db = await getDb();
  const last = await db.promptVersion.findFirst({ where: { projectId: access.projectId }, orderBy: { number: "desc" }, select: { number: true } });
  try {
    return await db.promptVersion.create({
      data: { projectId: access.projectId, number: (last?.number ?? 0) + 1, createdById: access.userId, ...input, ...candidate },
    });
  } catch (err) {
    throw mapPrismaError(err, "Someone saved a prompt at the same moment. Reload and try again.");
  }
}
