"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/lib/action-result";
import { requireUser } from "@/lib/auth/session";
import { createPromptVersion } from "@/lib/prompts/create-prompt-version";
import { createRun } from "@/lib/runs/create-run";
import { cancelRun, pauseRun, resumeRun, setProjectBudget } from "@/lib/runs/control-run";

const path = (projectId: string) => `/projects/${projectId}/runs`;

export async function savePromptAction(projectId: string, input: unknown) {
  return runAction(async () => {
    const user = await requireUser();
    const v = await createPromptVersion({ userId: user.id, projectId, input });
    revalidatePath(path(projectId));
    return { number: v.number };
  });
}

export async function startRunAction(projectId: string, input: unknown) {
  return runAction(async () => {
    const user = await requireUser();
    const run = await createRun({ userId: user.id, projectId, input });
    revalidatePath(path(projectId));
    return { id: run.id, totalItems: run.totalItems };
  });
}

const control = { pause: pauseRun, resume: resumeRun, cancel: cancelRun };

export async function controlRunAction(projectId: string, runId: string, verb: string) {
  return runAction(async () => {
    const user = await requireUser();
    const fn = control[z.enum(["pause", "resume", "cancel"]).parse(verb)];
    await fn(user.id, projectId, runId);
    revalidatePath(path(projectId));
  });
}

export async function setBudgetAction(projectId: string, raw: string) {
  return runAction(async () => {
    const user = await requireUser();
    const trimmed = raw.trim();
    await setProjectBudget(user.id, projectId, trimmed === "" ? null : Number(trimmed));
    revalidatePath(path(projectId));
  });
}
