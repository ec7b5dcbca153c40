"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { projectAction, projectFormAction } from "@/lib/auth/action";
import { cancelSynthesis, pauseSynthesis, startSynthesis } from "@/lib/synthesis/jobs";
import { synthesisInputSchema } from "@/lib/synthesis/schemas";

export const startSynthesisAction = projectFormAction({ role: "LEAD", writes: true }, synthesisInputSchema, async (access, input) => {
  const job = await startSynthesis(access, input);
  revalidatePath(`/projects/${access.projectId}/synthesis`);
  return job;
});

export const controlSynthesisAction = projectAction(
  { role: "LEAD", writes: true },
  z.object({ jobId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), action: z.enum(["pause", "resume", "cancel"]) }),
  async (access, { jobId, action }) => {
    if (action === "cancel") await cancelSynthesis(access, jobId);
    else await pauseSynthesis(access, jobId, action === "pause");
    revalidatePath(`/projects/${access.projectId}/synthesis`);
  },
);
