// Page-side wrappers: pages check access themselves (never only a layout or middleware).
import { notFound, redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import { requirePageUser, type SessionUser } from "@/lib/auth/session";
import { requireProjectRole, type ProjectAccess } from "@/lib/auth/project-role";
import type { ProjectRole } from "@/lib/generated/prisma/enums";

export async function requirePageProjectAccess(
  projectId: string,
  needed: ProjectRole = "ANNOTATOR",
): Promise<{ user: SessionUser; access: ProjectAccess }> {
  const user = await requirePageUser();
  try {
    return { user, access: await requireProjectRole(user.id, projectId, needed) };
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    // A member without the role lands on the project's overview instead of an error page.
    if (err instanceof AppError && err.code === "FORBIDDEN") redirect(`/projects/${projectId}`);
    throw err;
  }
}
