"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { projectFormAction } from "@/lib/auth/action";
import { requestTraining } from "@/lib/learner/service";

export const trainLearnerAction = projectFormAction({ role: "LEAD", writes: true }, z.object({}), async (access) => {
  const t = await requestTraining(access);
  revalidatePath(`/projects/${access.projectId}/quality`);
  return { id: t.id };
});
