"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { projectAction } from "@/lib/auth/action";
import { projectUpdateSchema } from "@/lib/projects/schemas";
import { setProjectArchived, updateProject } from "@/lib/projects/update-project";
import { reviewSettingsSchema, updateReviewSettings } from "@/lib/projects/update-review-settings";
import { looseBoolean } from "@/lib/validation";

export const updateProjectAction = projectAction({ role: "LEAD", writes: true }, projectUpdateSchema, async (access, input) => {
  await updateProject(access, input);
  revalidatePath(`/projects/${access.projectId}`, "layout");
});

// Not a write: restoring an archived project must work on an archived project.
export const setArchivedAction = projectAction({ role: "LEAD" }, z.object({ archived: looseBoolean }), async (access, input) => {
  await setProjectArchived(access, input.archived);
  revalidatePath("/projects");
  revalidatePath(`/projects/${access.projectId}`, "layout");
});

export const updateReviewSettingsAction = projectAction({ role: "LEAD", writes: true }, reviewSettingsSchema, async (access, input) => {
  await updateReviewSettings(access, input);
  revalidatePath(`/projects/${access.projectId}/settings`);
});
