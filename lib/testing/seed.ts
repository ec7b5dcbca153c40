// Seeds the data an e2e spec starts from, through the same factories as the integration tests, so
// every spec stands on its own instead of on what an earlier spec left behind. Reached only
// through POST /api/testing/seed, which exists only when GOLDSET_E2E_SEED_TOKEN is set.
import { z } from "zod";
import { QUEUE_ORDERS } from "@/lib/projects/update-review-settings";
import { getDatabase, getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { identifier, join, sql } from "@/lib/db/sql";
import { insertProject } from "@/lib/projects/create-project";
import { claimNextItem } from "@/lib/reviews/claim-next";
import { submitDecision } from "@/lib/reviews/submit-decision";
import type { ProjectAccess } from "@/lib/auth/access";
import { accessFor, addMember, createTestUser } from "@/lib/testing/factories";
import { TASK_TYPE_NAMES } from "@/lib/task-types";

const person = z.object({
  email: z.email(),
  name: z.string().min(1),
  password: z.string().min(8),
  isAdmin: z.boolean().default(false),
  role: z.enum(["LEAD", "ANNOTATOR"]).optional(),
});

export const seedSchema = z.object({
  people: z.array(person).min(1).max(10),
  project: z
    .object({
      name: z.string().min(1),
      taskType: z.enum(TASK_TYPE_NAMES).default("SINGLE_LABEL"),
      // Ignored for PAIRWISE projects, whose labels are fixed.
      labels: z.array(z.object({ name: z.string(), hotkey: z.string().nullable().default(null), description: z.string().default("") })).default([]),
      guidelines: z.string().default(""),
      blindShare: z.number().min(0).max(1).default(0),
      reviewersPerItem: z.number().int().min(1).max(5).default(1),
      queueOrder: z.enum(QUEUE_ORDERS).default("IMPORT_ORDER"),
      items: z
        .array(
          z.object({
            externalId: z.string(),
            text: z.string(),
            metadata: z.record(z.string(), z.unknown()).default({}),
            // PAIRWISE: the two responses (text is the prompt) and their models.
            pair: z
              .object({ a: z.string(), b: z.string(), aModel: z.string().nullable().default(null), bModel: z.string().nullable().default(null) })
              .optional(),
            suggestion: z
              .object({
                value: z.unknown(),
                confidence: z.number(),
                rationale: z.string().nullable().default(null),
                // A rationale's quoted evidence and its check (lib/llm/grounding.ts), and the distress categories flagged.
                evidence: z.array(z.string()).optional(),
                grounded: z.boolean().optional(),
                distress: z.array(z.string()).optional(),
              })
              .optional(),
            // A decision the project's first annotator records through the review queue (so gold follows as in use).
            review: z.unknown().optional(),
            // The item's blind draw (Item.blindDraw): below the project's blind share puts it in the blind slice. Unset: random.
            blindDraw: z.number().min(0).max(0.999999).optional(),
          }),
        )
        .max(5000)
        .default([]),
    })
    .optional(),
});
export type SeedInput = z.infer<typeof seedSchema>;
/** What a caller sends (defaults filled in by the schema). */
export type SeedRequest = z.input<typeof seedSchema>;

const COLORS = ["#2563eb", "#dc2626", "#16a34a", "#d97706", "#7c3aed"];

export async function seed(input: SeedInput): Promise<{ projectId: string | null; userIds: Record<string, string> }> {
  const db = await getDb();
  const userIds: Record<string, string> = {};
  for (const p of input.people) {
    const existing = await db.user.findUnique({ where: { email: p.email } });
    userIds[p.email] = (existing ?? (await createTestUser({ email: p.email, name: p.name, password: p.password, isAdmin: p.isAdmin }))).id;
  }
  if (!input.project) return { projectId: null, userIds };
  const { project: pr } = input;
  const owner = input.people.find((p) => p.role === "LEAD") ?? input.people[0];
  const created = await insertProject(userIds[owner.email], {
    name: pr.name,
    taskType: pr.taskType,
    guidelines: pr.guidelines,
    labels: pr.labels.map((l, i) => ({ ...l, color: COLORS[i % COLORS.length] })),
  });
  await db.project.update({ where: { id: created.id }, data: { blindShare: pr.blindShare, reviewersPerItem: pr.reviewersPerItem, queueOrder: pr.queueOrder } });
  for (const p of input.people) if (p.role && p.email !== owner.email) await addMember(created.id, userIds[p.email], p.role);
  await seedItems(created.id, userIds[owner.email], pr.items);
  const reviewer = input.people.find((p) => p.role === "ANNOTATOR") ?? owner;
  await seedReviews(await accessFor(userIds[reviewer.email], created.id), pr.items);
  return { projectId: created.id, userIds };
}

/** Pairwise items' responses (ItemPair), for the items just created by their ids. */
async function seedPairs(projectId: string, items: NonNullable<SeedInput["project"]>["items"]) {
  const withPair = items.filter((i) => i.pair);
  if (!withPair.length) return;
  const db = await getDb();
  const ids = new Map(
    (await db.item.findMany({ where: { projectId, externalId: { in: withPair.map((i) => i.externalId) } }, select: { id: true, externalId: true } })).map(
      (r) => [r.externalId, r.id],
    ),
  );
  await db.itemPair.createMany({
    data: withPair.map((i) => ({ itemId: ids.get(i.externalId)!, responseA: i.pair!.a, responseB: i.pair!.b, modelA: i.pair!.aModel, modelB: i.pair!.bModel })),
  });
}

async function seedItems(projectId: string, ownerId: string, items: NonNullable<SeedInput["project"]>["items"]) {
  if (!items.length) return;
  const db = await getDb();
  await db.item.createMany({
    data: items.map((i) => ({
      projectId,
      externalId: i.externalId,
      text: i.text,
      metadata: i.metadata as object,
      ...(i.blindDraw === undefined ? {} : { blindDraw: i.blindDraw }),
    })),
  });
  await seedPairs(projectId, items);
  if (!items.some((i) => i.suggestion)) return;
  const version = await db.promptVersion.create({
    data: {
      projectId,
      number: 1,
      modelId: "claude-haiku-4-5",
      strategy: "ZERO_SHOT",
      instructions: "Label the item.",
      settings: { temperature: 0, maxTokens: 256, samples: 1, fewShotK: 4 },
      createdById: ownerId,
    },
  });
  const ids = new Map((await db.item.findMany({ where: { projectId }, select: { id: true, externalId: true } })).map((r) => [r.externalId, r.id]));
  for (const i of items.filter((x) => x.suggestion)) {
    const itemId = ids.get(i.externalId)!;
    await db.suggestion.create({
      data: {
        projectId,
        itemId,
        promptVersionId: version.id,
        status: "OK",
        value: i.suggestion!.value as object,
        confidence: i.suggestion!.confidence,
        confidenceSource: "SELF_REPORTED",
        rationale: i.suggestion!.rationale,
        evidence: i.suggestion!.evidence,
        grounded: i.suggestion!.grounded,
        distress: i.suggestion!.distress,
        model: "claude-haiku-4-5",
      },
    });
    await db.item.update({ where: { id: itemId }, data: { status: "PRELABELED", suggestionConfidence: i.suggestion!.confidence } });
  }
}

/** Records the planned reviews by claiming from the queue as a reviewer does, skipping the others. */
async function seedReviews(access: ProjectAccess, items: NonNullable<SeedInput["project"]>["items"]) {
  const planned = new Map(items.filter((i) => i.review !== undefined).map((i) => [i.externalId, i.review]));
  const skipped: number[] = [];
  while (planned.size) {
    const task = await claimNextItem(access, skipped);
    if (!task) throw new Error(`Could not reach ${[...planned.keys()].join(", ")} in the review queue`);
    const value = planned.get(task.item.externalId);
    if (value === undefined) {
      skipped.push(task.item.id);
      continue;
    }
    const action = JSON.stringify(value) === JSON.stringify(task.suggestion?.value) ? "ACCEPTED" : "CORRECTED";
    await submitDecision(access, { id: crypto.randomUUID(), itemId: task.item.id, action, value, seconds: 3 });
    planned.delete(task.item.externalId);
  }
  // The items passed over on the way are let go, as if their leases had run out: the spec starts
  // with them free for anyone (and for auto-accept, which leaves items a reviewer holds alone).
  if (skipped.length) {
    const db = await getDb();
    await db.reviewAssignment.deleteMany({ where: { projectId: access.projectId, annotatorId: access.userId, doneAt: null, itemId: { in: skipped } } });
  }
}

/**
 * Empties the instance (every table but the migrations' record), as on a first start: for the spec
 * that sets up the first account, so it can run after others, or alone. Test-only (the seed route).
 */
export async function resetInstance(): Promise<void> {
  const database = await getDatabase();
  const tables = await database.query<{ name: string }>(
    sql`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
  );
  const { monthlySpendLimitUsd, defaultProjectBudgetUsd } = env().money;
  await database.rawTransaction(async (tx) => {
    await tx.exec(sql`TRUNCATE ${join(tables.map((t) => identifier(t.name)))} RESTART IDENTITY CASCADE`);
    // The settings row is made once per process (lib/instance/settings.ts): put it back as a first start makes it.
    await tx.query(
      sql`INSERT INTO "InstanceSettings" (id, "monthlySpendLimitUsd", "defaultProjectBudgetUsd", "updatedAt") VALUES (1, ${monthlySpendLimitUsd}, ${defaultProjectBudgetUsd}, now())`,
    );
  });
}
