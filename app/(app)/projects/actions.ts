"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { userAction } from "@/lib/auth/action";
import { createProject } from "@/lib/projects/create-project";
import { projectSchema } from "@/lib/projects/schemas";
import { loadDemoProject } from "@/lib/demo/load-demo-project";

export const createProjectAction = userAction(projectSchema, async (caller, input) => {
  const project = await createProject(caller, input);
  revalidatePath("/projects");
  return { id: project.id };
});

export const loadDemoProjectAction = userAction(z.object({}), async (caller) => {
  const project = await loadDemoProject(caller);
  revalidatePath("/projects");
  return { id: project.id };
});
