// A project's webhooks, for its leads: made with a URL and events (the URL checked against the SSRF
// rules, the secret shown once), listed with their recent deliveries, paused, deleted, and tested
// with a `ping` delivery that goes through the same outbox and worker as real events; a secret is
// rotated with an overlap, and any delivery can be sent again.
import { z } from "zod";
import { getDb } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { ProjectAccess } from "@/lib/auth/access";
import { urlProblem } from "@/lib/webhooks/address-guard";
import { PING_EVENT, WEBHOOK_EVENT_NAMES } from "@/lib/webhooks/events";
import { newWebhookSecret, ROTATION_OVERLAP_HOURS } from "@/lib/webhooks/sign";
import { enqueue } from "@/lib/jobs/define";
import { webhookQueue } from "@/lib/webhooks/job-queues";

export const MAX_HOOKS_PER_PROJECT = 20;

const urlSchema = z
  .string()
  .trim()
  .max(2000, "At most 2,000 characters")
  .superRefine((url, ctx) => {
    const problem = urlProblem(url, env().webhooksAllowPrivate);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
const eventsSchema = z.array(z.enum(WEBHOOK_EVENT_NAMES, "Unknown event")).min(1, "Choose at least one event").max(WEBHOOK_EVENT_NAMES.length);

export const createWebhookSchema = z.object({ url: urlSchema, events: eventsSchema });
export const updateWebhookSchema = z.object({ url: urlSchema.optional(), events: eventsSchema.optional(), active: z.boolean().optional() });

const PUBLIC = { id: true, url: true, events: true, active: true, createdAt: true, previousSecretUntil: true } as const;
const DELIVERY = { id: true, event: true, status: true, attemptCount: true, attempts: true, createdAt: true, deliveredAt: true, nextAttemptAt: true } as const;

export async function listWebhooks(access: ProjectAccess, opts: { deliveries?: number } = {}) {
  const db = await getDb();
  return db.webhook.findMany({
    where: { projectId: access.projectId },
    orderBy: { createdAt: "asc" },
    select: { ...PUBLIC, deliveries: { orderBy: { createdAt: "desc" }, take: opts.deliveries ?? 10, select: DELIVERY } },
  });
}

/** The new hook with its secret: the only time the secret is shown. */
export async function createWebhook(access: ProjectAccess, input: z.infer<typeof createWebhookSchema>) {
  const db = await getDb();
  if ((await db.webhook.count({ where: { projectId: access.projectId } })) >= MAX_HOOKS_PER_PROJECT) {
    throw new AppError("CONFLICT", `A project has at most ${MAX_HOOKS_PER_PROJECT} webhooks; delete one first.`);
  }
  const hook = await db.webhook.create({
    data: { projectId: access.projectId, url: input.url, events: [...new Set(input.events)], secret: newWebhookSecret(), createdById: access.userId },
    select: { ...PUBLIC, secret: true },
  });
  return hook;
}

async function ownHook(access: ProjectAccess, webhookId: string) {
  const db = await getDb();
  const hook = await db.webhook.findFirst({ where: { id: webhookId, projectId: access.projectId }, select: { id: true } });
  if (!hook) throw new AppError("NOT_FOUND", "Webhook not found.");
  return hook;
}

export async function getWebhook(access: ProjectAccess, webhookId: string, opts: { deliveries?: number } = {}) {
  await ownHook(access, webhookId);
  const db = await getDb();
  return db.webhook.findUniqueOrThrow({
    where: { id: webhookId },
    select: { ...PUBLIC, deliveries: { orderBy: { createdAt: "desc" }, take: opts.deliveries ?? 50, select: DELIVERY } },
  });
}

export async function updateWebhook(access: ProjectAccess, webhookId: string, input: z.infer<typeof updateWebhookSchema>) {
  await ownHook(access, webhookId);
  const db = await getDb();
  return db.webhook.update({ where: { id: webhookId }, data: { ...input, ...(input.events ? { events: [...new Set(input.events)] } : {}) }, select: PUBLIC });
}

export async function deleteWebhook(access: ProjectAccess, webhookId: string) {
  await ownHook(access, webhookId);
  const db = await getDb();
  await db.webhook.delete({ where: { id: webhookId } });
}

/** Queues a `ping` delivery to this hook (whatever its events), sent by the worker like any other. */
export async function pingWebhook(access: ProjectAccess, webhookId: string) {
  await ownHook(access, webhookId);
  const db = await getDb();
  const delivery = await db.webhookDelivery.create({
    data: { webhookId, projectId: access.projectId, event: PING_EVENT, payload: { message: "A test delivery from Goldset.", by: access.userId } },
    select: { id: true },
  });
  await enqueue(webhookQueue, { projectId: access.projectId });
  return delivery;
}

/**
 * A new secret, shown once. The old one keeps signing every delivery beside it (two signatures in
 * webhook-signature) for ROTATION_OVERLAP_HOURS, so the receiver can switch without a failure.
 * Refused while an earlier rotation's overlap is still open: a third secret would end it early.
 */
export async function rotateWebhookSecret(access: ProjectAccess, webhookId: string) {
  await ownHook(access, webhookId);
  const db = await getDb();
  const until = new Date(Date.now() + ROTATION_OVERLAP_HOURS * 3600_000);
  const secret = newWebhookSecret();
  const rotated = await db.$executeRaw(sql`
    UPDATE "Webhook" SET "previousSecret" = secret, "previousSecretUntil" = ${until}, secret = ${secret}
    WHERE id = ${webhookId} AND ("previousSecretUntil" IS NULL OR "previousSecretUntil" <= now())`);
  if (!rotated) throw new AppError("CONFLICT", "The previous secret still signs until its overlap ends; rotate again after that.");
  return { secret, previousSecretUntil: until };
}

/** Sends a delivery again (a receiver that lost it, or one that failed for good): a fresh set of attempts, the log kept. */
export async function redeliverWebhook(access: ProjectAccess, webhookId: string, deliveryId: string) {
  await ownHook(access, webhookId);
  const db = await getDb();
  const delivery = await db.webhookDelivery.findFirst({ where: { id: deliveryId, webhookId, projectId: access.projectId }, select: { status: true } });
  if (!delivery) throw new AppError("NOT_FOUND", "Delivery not found.");
  // A pending delivery is still being tried (perhaps right now): sending it again would duplicate it.
  const { count } = await db.webhookDelivery.updateMany({
    where: { id: deliveryId, status: { not: "PENDING" } },
    data: { status: "PENDING", attemptCount: 0, nextAttemptAt: new Date(), lockedUntil: null, deliveredAt: null },
  });
  if (!count) throw new AppError("CONFLICT", "This delivery is still being tried; it can be sent again once it has succeeded or failed.");
  await enqueue(webhookQueue, { projectId: access.projectId });
}
