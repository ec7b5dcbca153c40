"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { projectAction, projectFormAction } from "@/lib/auth/action";
import { projectUpdateSchema } from "@/lib/projects/schemas";
import { setProjectArchived, updateProject } from "@/lib/projects/update-project";
import { reviewSettingsSchema, updateReviewSettings } from "@/lib/projects/update-review-settings";
import { looseBoolean } from "@/lib/validation";
import { sendBackToReview, updateAutoAcceptSettings } from "@/lib/gold/auto-accept";
import { latestApply, requestApply } from "@/lib/gold/apply-job";
import { autoAcceptSettingsSchema } from "@/lib/gold/settings-schema";
import { careSettingsSchema } from "@/lib/reviews/care-settings";
import { updateCareSettings } from "@/lib/reviews/care";
import { createWebhook, createWebhookSchema, deleteWebhook, pingWebhook, redeliverWebhook, rotateWebhookSecret, updateWebhook } from "@/lib/webhooks/hooks";

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

/** Saves the budget and queues the apply (certify, then accept what it covers when on), returning at once. */
export const updateAutoAcceptAction = projectFormAction({ role: "LEAD", writes: true }, autoAcceptSettingsSchema, async (access, input) => {
  await updateAutoAcceptSettings(access, input);
  const applyId = await requestApply(access.projectId, access.userId, "settings");
  revalidatePath(`/projects/${access.projectId}`, "layout");
  return { applyId };
});

/** The latest apply's progress and outcome (Settings and Quality poll it while it runs). */
export const applyProgressAction = projectAction({ role: "LEAD" }, z.object({}), async (access) => latestApply(access.projectId));

export const sendBackAction = projectFormAction({ role: "LEAD", writes: true }, z.object({}), async (access) => {
  const n = await sendBackToReview(access);
  revalidatePath(`/projects/${access.projectId}`, "layout");
  return { items: n };
});

/** Makes a webhook; the answer carries its secret, shown once. */
export const createWebhookAction = projectAction({ role: "LEAD", writes: true }, createWebhookSchema, async (access, input) => {
  const hook = await createWebhook(access, input);
  revalidatePath(`/projects/${access.projectId}/settings`);
  return { id: hook.id, secret: hook.secret };
});

const hookId = z.object({ webhookId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

export const webhookAction = projectAction(
  { role: "LEAD", writes: true },
  hookId.extend({ action: z.enum(["ping", "pause", "resume", "delete"]) }),
  async (access, { webhookId, action }) => {
    if (action === "ping") await pingWebhook(access, webhookId);
    else if (action === "delete") await deleteWebhook(access, webhookId);
    else await updateWebhook(access, webhookId, { active: action === "resume" });
    revalidatePath(`/projects/${access.projectId}/settings`);
  },
);

/** A new secret, shown once; the old one signs beside it for a day. */
export const rotateWebhookSecretAction = projectAction({ role: "LEAD", writes: true }, hookId, async (access, { webhookId }) => {
  const rotated = await rotateWebhookSecret(access, webhookId);
  revalidatePath(`/projects/${access.projectId}/settings`);
  return { secret: rotated.secret, previousSecretUntil: rotated.previousSecretUntil.toISOString() };
});

export const redeliverWebhookAction = projectAction(
  { role: "LEAD", writes: true },
  hookId.extend({ deliveryId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }),
  async (access, { webhookId, deliveryId }) => {
    await redeliverWebhook(access, webhookId, deliveryId);
    revalidatePath(`/projects/${access.projectId}/settings`);
  },
);

/** Care for reviewers: content warning, distress categories and blur, daily cap, break reminder. */
export const updateCareAction = projectFormAction({ role: "LEAD", writes: true }, careSettingsSchema, async (access, input) => {
  await updateCareSettings(access, input);
  revalidatePath(`/projects/${access.projectId}`, "layout");
  return { saved: true };
});
