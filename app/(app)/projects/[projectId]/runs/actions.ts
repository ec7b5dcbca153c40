"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { projectAction } from "@/lib/auth/action";
import { createPromptVersion } from "@/lib/prompts/create-prompt-version";
import { promptVersionSchema } from "@/lib/prompts/schemas";
import { createRun } from "@/lib/runs/create-run";
import { estimateRun } from "@/lib/runs/estimate";
import { runEstimateSchema, startRunSchema } from "@/lib/runs/schemas";
import { cancelRun, pauseRun, resumeRun, retryFailedItems, setProjectBudget } from "@/lib/runs/control-run";
import { optionalAmount } from "@/lib/validation";

const path = (projectId: string) => `/projects/${projectId}/runs`;

export const savePromptAction = projectAction({ role: "LEAD", writes: true }, promptVersionSchema, async (access, input) => {
  const v = await createPromptVersion(access, input);
  revalidatePath(path(access.projectId));
  return { number: v.number };
});

export const estimateRunAction = projectAction({ role: "LEAD" }, runEstimateSchema, (access, input) => estimateRun(access, input));

export const startRunAction = projectAction({ role: "LEAD", writes: true }, startRunSchema, async (access, input) => {
  const run = await createRun(access, input);
  revalidatePath(path(access.projectId));
  return { id: run.id, totalItems: run.totalItems };
});

const control = {
  pause: pauseRun,
  resume: resumeRun,
  cancel: cancelRun,
  "retry-failed": async (access: Parameters<typeof pauseRun>[0], runId: string) => void (await retryFailedItems(access, runId)),
};

export const controlRunAction = projectAction(
  { role: "LEAD", writes: true },
  z.object({ runId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), verb: z.enum(["pause", "resume", "cancel", "retry-failed"]) }),
  async (access, input) => {
    await control[input.verb](access, input.runId);
    revalidatePath(path(access.projectId));
  },
);

export const setBudgetAction = projectAction({ role: "LEAD", writes: true }, z.object({ budgetUsd: optionalAmount }), async (access, input) => {
  await setProjectBudget(access, input.budgetUsd);
  revalidatePath(path(access.projectId));
});
