"use server";
import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/action-result";
import { requireUser } from "@/lib/auth/session";
import { setProjectArchived, updateProject } from "@/lib/projects/update-project";
import { updateReviewSettings } from "@/lib/projects/update-review-settings";

export async function updateProjectAction(projectId: string, input: unknown) {
  return runAction(async () => {
    const user = await requireUser();
    await updateProject({ userId: user.id, projectId, input });
    revalidatePath(`/projects/${projectId}`, "layout");
  });
}

export async function setArchivedAction(projectId: string, archived: boolean) {
  return runAction(async () => {
    const user = await requireUser();
    await setProjectArchived({ userId: user.id, projectId, archived });
    revalidatePath("/projects");
  });
}

export async function updateReviewSettingsAction(projectId: string, input: unknown) {
  return runAction(async () => {
    const user = await requireUser();
    await updateReviewSettings({ userId: user.id, projectId, input });
    revalidatePath(`/projects/${projectId}/settings`);
  });
}
