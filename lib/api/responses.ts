// What the main /api/v1 operations answer, as zod schemas: the OpenAPI document states them
// (lib/api/openapi.ts), and the contract test (app/api/v1/contract.test.ts) parses every successful
// answer with its route's schema, so the document cannot drift from the bodies. Objects are loose:
// the fields listed are always there with these types; a newer version may add others.
import { z } from "zod";

const id = z.string().describe("An opaque id");
const when = z.string().describe("An ISO 8601 time");
const nextLink = z.string().nullable().describe("The next page's URL, or null on the last page");
const money = z.union([z.string(), z.number()]).describe("US dollars (a decimal string or a number)");

export const projectSummary = z.looseObject({ id, name: z.string(), taskType: z.enum(["SINGLE_LABEL", "MULTI_LABEL", "SPANS", "PAIRWISE"]), role: z.enum(["LEAD", "ANNOTATOR"]).optional() });
export const projectListResponse = z.object({ projects: z.array(projectSummary), next: nextLink });
export const projectResponse = z.looseObject({
  id,
  name: z.string(),
  description: z.string(),
  taskType: z.enum(["SINGLE_LABEL", "MULTI_LABEL", "SPANS", "PAIRWISE"]),
  guidelines: z.string(),
  budgetUsd: money.nullable(),
  spentUsd: money,
  reviewersPerItem: z.number().int(),
  blindShare: z.number(),
  labels: z.array(z.looseObject({ id, name: z.string(), description: z.string(), color: z.string(), hotkey: z.string().nullable() })),
});

const itemReview = z.looseObject({
  suggestion: z.looseObject({ value: z.unknown(), confidence: z.number().nullable(), version: z.number().int() }).nullable(),
  gold: z.unknown(),
  goldSource: z.string().nullable(),
  origin: z.enum(["REAL", "SYNTHETIC"]),
  rejected: z.boolean(),
  decisions: z.number().int(),
  agreement: z.number().nullable(),
});
export const itemListResponse = z.looseObject({
  items: z.array(z.looseObject({ id: z.number().int(), externalId: z.string(), preview: z.string(), textLength: z.number().int(), status: z.string(), createdAt: when, review: itemReview.optional() })),
  total: z.object({ n: z.number().int(), capped: z.boolean() }),
  next: nextLink,
  prev: nextLink,
});

const decision = z.looseObject({ id, itemId: z.number().int(), action: z.enum(["ACCEPTED", "CORRECTED", "LABELED", "SKIPPED", "REJECTED"]), value: z.unknown(), blind: z.boolean(), createdAt: when });
export const decisionListResponse = z.looseObject({ decisions: z.array(decision), next: nextLink.optional() });
export const ownDecisionsResponse = z.looseObject({ decisions: z.array(decision) });

export const promptVersion = z.looseObject({ id, number: z.number().int(), modelId: z.string(), strategy: z.enum(["ZERO_SHOT", "FEW_SHOT", "CHAIN_OF_THOUGHT"]), instructions: z.string(), settings: z.unknown(), createdAt: when });
export const promptListResponse = z.object({ versions: z.array(promptVersion) });

const run = z.looseObject({ id, status: z.string(), mode: z.enum(["DIRECT", "BATCH"]), totalItems: z.number().int(), doneItems: z.number().int(), failedItems: z.number().int(), failures: z.array(z.object({ reason: z.string(), count: z.number().int() })).describe("Why items failed, grouped by reason, most frequent first") });
export const runListResponse = z.looseObject({ runs: z.array(run), budget: z.looseObject({ budgetUsd: z.number().nullable(), spentUsd: z.number() }) });

export const exportListResponse = z.object({ exports: z.array(z.looseObject({ id, format: z.string(), status: z.string(), rowsDone: z.number().int(), createdAt: when })) });
export const exportStartedResponse = z.object({ export: z.object({ id, status: z.string(), format: z.string() }) });
export const importListResponse = z.object({ imports: z.array(z.looseObject({ id, fileName: z.string(), status: z.string(), rowsInserted: z.number().int(), rowsFailed: z.number().int() })) });
export const invitationListResponse = z.object({ invitations: z.array(z.looseObject({ id, email: z.string().nullable() })) });
export const invitationCreatedResponse = z.object({ email: z.string().nullable(), link: z.string().describe("The one-time link to send; shown only here") });
export const memberListResponse = z.object({ members: z.array(z.object({ userId: id, name: z.string(), email: z.string(), role: z.enum(["LEAD", "ANNOTATOR"]), joinedAt: when })) });
export const adjudicationListResponse = z.object({ items: z.array(z.looseObject({ id: z.number().int(), externalId: z.string() })) });

const delivery = z.looseObject({ id, event: z.string(), status: z.enum(["PENDING", "SUCCEEDED", "FAILED"]), attemptCount: z.number().int(), attempts: z.unknown(), createdAt: when });
const webhook = z.looseObject({ id, url: z.string(), events: z.array(z.string()), active: z.boolean(), createdAt: when, previousSecretUntil: when.nullable().describe("Until when the secret before the last rotation still signs") });
export const webhookListResponse = z.object({ webhooks: z.array(webhook.extend({ deliveries: z.array(delivery) })) });
export const webhookCreatedResponse = z.object({ webhook: webhook.extend({ secret: z.string().describe("The signing secret, shown only here") }) });

export const synthesisListResponse = z.object({
  jobs: z.array(z.looseObject({ id, label: z.string(), count: z.number().int(), status: z.string(), kept: z.number().int(), dropped: z.number().int(), costUsd: z.number(), drops: z.array(z.looseObject({ text: z.string(), reason: z.string() })) })),
});
export const learnerStatusResponse = z.looseObject({ latest: z.unknown().nullable(), ready: z.unknown().nullable() });
export const metricsResponse = z.looseObject({ taskType: z.string(), labels: z.array(z.string()), versions: z.array(z.looseObject({ id, number: z.number().int() })), slices: z.unknown().nullable() });
export const nextTaskResponse = z.looseObject({ task: z.unknown().nullable(), progress: z.looseObject({ today: z.number().int(), remaining: z.number().int() }).nullable().optional() });

// The single things and the answers to actions.
export const projectCreatedResponse = z.looseObject({ id });
export const archivedResponse = z.object({ archived: z.boolean() });
export const okResponse = z.object({ ok: z.literal(true) });

const importView = z.looseObject({
  id,
  format: z.string(),
  fileName: z.string(),
  status: z.enum(["QUEUED", "RUNNING", "DONE", "FAILED", "CANCELLED"]),
  fileBytes: z.number().int(),
  bytesRead: z.number().int(),
  progress: z.number().describe("Share of the file read, 0 to 1"),
  rowsInserted: z.number().int(),
  rowsExisting: z.number().int(),
  rowsFailed: z.number().int(),
});
export const importResponse = z.object({ import: importView });
export const importPreviewResponse = z.object({
  preview: z.object({
    format: z.string(),
    delimiter: z.enum(["comma", "semicolon", "tab", "pipe"]).nullable().describe("CSV only"),
    columns: z.array(z.object({ name: z.string(), meanLength: z.number(), idLike: z.boolean().describe("Short, space-free, all different: looks like ids, not text") })),
    rows: z.array(z.object({ line: z.number().int(), fields: z.record(z.string(), z.string()) })),
    bad: z.array(z.object({ line: z.number().int(), reason: z.string() })),
    text: z.string().nullable().describe("The text column when it is clear; null: the lead must choose"),
    id: z.string().nullable(),
    partial: z.boolean(),
  }),
});
export const importStartedResponse = z.object({ import: z.looseObject({ id }), statusUrl: z.string().describe("Where to follow the import (also the Location header)") });
export const importErrorsResponse = z.object({
  errors: z.array(z.object({ line: z.number().int(), field: z.string().nullable(), reason: z.string(), excerpt: z.string() })),
});

const goldView = z.looseObject({ value: z.unknown(), source: z.enum(["SINGLE_REVIEW", "AGREEMENT", "ADJUDICATION", "CORRECTION", "AUTO", "IMPORTED"]), blind: z.boolean(), updatedAt: when });
export const goldResponse = z.object({ gold: goldView.nullable().describe("Null for annotators, who review independently of it") });
export const itemResponse = z.object({
  item: z.looseObject({
    id: z.number().int(),
    externalId: z.string(),
    text: z.string(),
    metadata: z.unknown(),
    status: z.enum(["NEW", "PRELABELED", "REVIEWED"]),
    origin: z.enum(["REAL", "SYNTHETIC"]),
    responseA: z.string().nullable(),
    responseB: z.string().nullable(),
    createdAt: when,
    import: z.looseObject({ id, fileName: z.string(), createdAt: when }).nullable(),
  }),
  decisions: z.array(z.looseObject({ id, action: decision.shape.action, value: z.unknown(), blind: z.boolean(), createdAt: when, annotatorName: z.string() })),
  gold: goldView.nullable().describe("Leads only"),
  suggestion: z.looseObject({ id, value: z.unknown(), confidence: z.number().nullable(), status: z.enum(["OK", "FAILED"]) }).nullable().describe("The latest suggestion; leads only"),
});

const task = z.looseObject({
  item: z.looseObject({ id: z.number().int(), externalId: z.string(), text: z.string() }),
  blind: z.boolean(),
  suggestion: z.looseObject({ id, value: z.unknown(), confidence: z.number().nullable() }).nullable().describe("Null on blind items"),
  leasedUntil: when,
});
const progress = z.looseObject({ today: z.number().int(), remaining: z.number().int(), adjudication: z.number().int() });
export const decisionCreatedResponse = z.object({ decision, progress });
export const decisionResponse = z.object({ decision });
export const undoResponse = z.object({ task, previous: z.object({ action: decision.shape.action, value: z.unknown() }) });

export const predictResponse = z.object({
  trainingId: id,
  predictions: z.array(z.looseObject({ labels: z.array(z.string()), probabilities: z.record(z.string(), z.number()) })),
});
export const trainingResponse = z.looseObject({ id, status: z.enum(["QUEUED", "RUNNING", "READY", "FAILED"]), error: z.string().nullable(), createdAt: when });

export const runResponse = run;
export const memberRoleResponse = z.object({ userId: id, role: z.enum(["LEAD", "ANNOTATOR"]) });
export const memberRemovedResponse = z.object({ removed: id });
export const synthesisStartedResponse = z.object({ job: z.looseObject({ id, status: z.string() }) });
export const synthesisPausedResponse = z.object({ paused: id });
export const synthesisResumedResponse = z.object({ resumed: id });
export const synthesisCancelledResponse = z.object({ cancelled: id });
export const webhookResponse = z.object({ webhook });
export const webhookWithDeliveriesResponse = z.object({ webhook: webhook.extend({ deliveries: z.array(delivery) }) });
export const webhookDeletedResponse = z.object({ deleted: id });
export const webhookRotatedResponse = z.object({ secret: z.string().describe("The new signing secret (whsec_...), shown only here"), previousSecretUntil: when });
export const webhookPingResponse = z.object({ delivery: z.looseObject({ id }) });
