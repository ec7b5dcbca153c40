// Project authorization, next to the data. A user who is not a member of a project gets NOT_FOUND
// (not FORBIDDEN): outsiders must not learn that a project exists.
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ProjectRole } from "@/lib/generated/prisma/enums";

export type ProjectAccess = { userId: string; projectId: string; role: ProjectRole };

export async function getProjectRole(userId: string, projectId: string): Promise<ProjectRole | null> {
  const db = await getDb();
  const m = await db.membership.findUnique({ where: { projectId_userId: { projectId, userId } }, select: { role: true } });
  return m?.role ?? null;
}

/** Throws NOT_FOUND for non-members and FORBIDDEN when an ANNOTATOR needs to be a LEAD. */
export async function requireProjectRole(
  userId: string,
  projectId: string,
  needed: ProjectRole = "ANNOTATOR",
): Promise<ProjectAccess> {
  const role = await getProjectRole(userId, projectId);
  if (!role) throw new AppError("NOT_FOUND", "Project not found.");
  if (needed === "LEAD" && role !== "LEAD") throw new AppError("FORBIDDEN", "Only project leads can do this.");
  return { userId, projectId, role };
}
