"use server";
import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/action-result";
import { requireUser } from "@/lib/auth/session";
import { createProject } from "@/lib/projects/create-project";
import { loadDemoProject } from "@/lib/demo/load-demo-project";

export async function createProjectAction(input: unknown) {
  return runAction(async () => {
    const user = await requireUser();
    const project = await createProject({ userId: user.id, input });
    revalidatePath("/projects");
    return { id: project.id };
  });
}

export async function loadDemoProjectAction() {
  return runAction(async () => {
    const user = await requireUser();
    const project = await loadDemoProject(user.id);
    revalidatePath("/projects");
    return { id: project.id };
  });
}
