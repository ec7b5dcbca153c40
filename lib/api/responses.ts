// What the main /api/v1 operations answer, as zod schemas: the OpenAPI document states them
// (lib/api/openapi.ts), and the contract test (app/api/v1/contract.test.ts) parses every successful
// answer with its route's schema, so the document cannot drift from the bodies. Objects are loose:
// the fields listed are always there with these types; a newer version may add others.
// A schema with `.meta({ id })` becomes a named component (#/components/schemas/<id>), so generated
// clients get a type for it (Project, Item, Task, Decision, Run, Metrics, ...).
import { z } from "zod";
import { EXPORT_FORMATS } from "@/lib/exports/options";
import { TASK_TYPE_NAMES } from "@/lib/task-types";

const id = z.string().describe("An opaque id");
const when = z.iso.datetime().describe("An ISO 8601 time (UTC)");
const named = <T extends z.ZodType>(schema: T, name: string, description?: string) => schema.meta({ id: name, ...(description ? { description } : {}) });

/** An answer, as stored and exported: one label, several, or spans of the text (pairwise: A, B, tie or both_bad). */
export const labelValue = named(
  z.union([
    z.looseObject({ label: z.string() }),
    z.looseObject({ labels: z.array(z.string()) }),
    z.looseObject({ spans: z.array(z.looseObject({ start: z.number().int(), end: z.number().int(), label: z.string(), text: z.string() })) }),
  ]),
  "LabelValue",
  "An answer: { label } (single label, pairwise), { labels } (multi-label) or { spans } (spans)",
);
const nextLink = z.string().nullable().describe("The next page's URL, or null on the last page");
const money = z.union([z.string(), z.number()]).describe("US dollars (a decimal string or a number)");

const taskType = named(z.enum(TASK_TYPE_NAMES), "TaskType");
const role = named(z.enum(["LEAD", "ANNOTATOR"]), "Role");
export const projectSummary = named(z.looseObject({ id, name: z.string(), taskType, role: role.optional() }), "ProjectSummary");
export const projectListResponse = z.object({ projects: z.array(projectSummary), next: nextLink });
const label = named(z.looseObject({ id, name: z.string(), description: z.string(), color: z.string(), hotkey: z.string().nullable() }), "Label");
export const projectResponse = named(
  z.looseObject({
    id,
    name: z.string(),
    description: z.string(),
    taskType,
    guidelines: z.string(),
    budgetUsd: money.nullable(),
    spentUsd: money,
    reviewersPerItem: z.number().int(),
    blindShare: z.number(),
    labels: z.array(label),
  }),
  "Project",
);

const itemReview = z.looseObject({
  suggestion: z.looseObject({ value: labelValue, confidence: z.number().nullable(), version: z.number().int() }).nullable(),
  gold: labelValue.nullable(),
  goldSource: z.string().nullable(),
  origin: z.enum(["REAL", "SYNTHETIC"]),
  rejected: z.boolean(),
  decisions: z.number().int(),
  agreement: z.number().nullable(),
});
export const itemListResponse = z.looseObject({
  items: z.array(
    named(
      z.looseObject({
        id: z.number().int(),
        externalId: z.string(),
        preview: z.string(),
        textLength: z.number().int(),
        status: z.enum(["NEW", "PRELABELED", "REVIEWED"]),
        createdAt: when,
        review: itemReview.optional(),
      }),
      "ItemSummary",
    ),
  ),
  total: z.object({ n: z.number().int(), capped: z.boolean() }),
  next: nextLink,
  prev: nextLink,
});

const decisionAction = named(z.enum(["ACCEPTED", "CORRECTED", "LABELED", "SKIPPED", "REJECTED"]), "DecisionAction");
const decision = named(
  z.looseObject({
    id,
    itemId: z.number().int(),
    action: decisionAction,
    value: labelValue.nullable().describe("Null for a skip or a rejection"),
    blind: z.boolean(),
    createdAt: when,
  }),
  "Decision",
);
export const decisionListResponse = z.looseObject({ decisions: z.array(decision), next: nextLink.optional() });
export const ownDecisionsResponse = z.looseObject({ decisions: z.array(decision) });

export const promptVersion = named(
  z.looseObject({
    id,
    number: z.number().int(),
    modelId: z.string(),
    strategy: z.enum(["ZERO_SHOT", "FEW_SHOT", "CHAIN_OF_THOUGHT"]),
    instructions: z.string(),
    settings: z.record(z.string(), z.unknown()),
    createdAt: when,
  }),
  "PromptVersion",
);
export const promptListResponse = z.object({ versions: z.array(promptVersion) });

const interval = named(z.object({ low: z.number(), high: z.number() }), "Interval", "A 95% interval");
const proposalTest = named(
  z.looseObject({
    n: z.number().int().describe("Held-out gold items both versions answered"),
    onlyParent: z.number().int(),
    onlyCandidate: z.number().int(),
    pValue: z.number().describe("McNemar's exact test, one-sided: the chance of this result if the candidate were no better"),
    pTwoSided: z.number(),
    alpha: z.number().describe("The level this test was held to: 0.05 / 2^k for the k-th test on the held-out set"),
    significant: z.boolean(),
    parentAccuracy: z.number().nullable(),
    candidateAccuracy: z.number().nullable(),
    difference: z.object({ difference: z.number(), interval, excludesZero: z.boolean() }).nullable(),
    moreGoldNeeded: z.number().int().nullable().describe("Held-out gold items a decision would need at the observed effect"),
    costUsd: z.number(),
    perLabel: z.array(z.object({ label: z.string(), n: z.number().int(), parentRight: z.number().int(), candidateRight: z.number().int() })),
  }),
  "ProposalTest",
);
export const proposalRound = named(
  z.looseObject({
    id,
    number: z.number().int(),
    status: z.enum(["DRAFT", "TESTING", "TESTED", "PROMOTED", "DISCARDED"]),
    parentVersionId: z.string(),
    parentNumber: z.number().int().nullable(),
    candidateVersionId: z.string().nullable(),
    candidateNumber: z.number().int().nullable(),
    instructions: z.string(),
    labelDescriptions: z.record(z.string(), z.string()),
    changes: z.array(z.object({ change: z.string(), gold: z.string(), suggested: z.string(), items: z.number().int() })),
    corrections: z.number().int(),
    proposerModel: z.string(),
    proposalCostUsd: z.number(),
    look: z.number().int().nullable(),
    alpha: z.number().nullable(),
    result: proposalTest.nullable(),
    acquisition: z
      .object({
        items: z.number().int(),
        disagreements: z.number().int().nullable().describe("Null until both versions answered them"),
        reviewed: z.number().int(),
        at: when,
      })
      .nullable()
      .describe("Unreviewed items both versions labeled; those they disagree on are reviewed first"),
    createdAt: when,
  }),
  "ProposalRound",
);
export const proposalListResponse = z.object({ rounds: z.array(proposalRound) });
export const proposalLoop = named(
  z.looseObject({
    id,
    status: z.enum(["RUNNING", "DONE"]),
    startNumber: z.number().int().nullable(),
    bestNumber: z.number().int().nullable(),
    proposerModel: z.string(),
    maxRounds: z.number().int(),
    capUsd: z.number(),
    spentUsd: z.number(),
    stopReason: z.string().nullable(),
    createdAt: when,
  }),
  "ProposalLoop",
);
export const proposalLoopList = z.object({ loops: z.array(proposalLoop) });
export const proposalTestStarted = z.object({
  roundId: z.string(),
  candidateVersionId: z.string(),
  look: z.number().int(),
  alpha: z.number(),
  heldOut: z.number().int(),
});
export const proposalRetest = z.object({ look: z.number().int(), alpha: z.number() });
export const proposalAcquisition = z.object({ items: z.number().int(), disagreements: z.number().int().nullable(), at: when });
export const proposalPromoted = z.object({ versionId: z.string(), number: z.number().int() });

const run = named(
  z.looseObject({
    id,
    status: z.enum(["QUEUED", "RUNNING", "PAUSED", "CANCELLED", "DONE", "STOPPED"]),
    mode: z.enum(["DIRECT", "BATCH"]),
    totalItems: z.number().int(),
    doneItems: z.number().int(),
    failedItems: z.number().int(),
    remaining: z.number().int(),
    costUsd: z.number(),
    etaSeconds: z.number().int().nullable(),
    error: z.string().nullable().describe("Why the run paused or stopped, in words"),
    failures: z.array(z.object({ reason: z.string(), count: z.number().int() })).describe("Why items failed, grouped by reason, most frequent first"),
    createdAt: when,
  }),
  "Run",
);
export const budgetResponse = named(z.looseObject({ budgetUsd: z.number().nullable(), spentUsd: z.number() }), "Budget");
export const runListResponse = z.looseObject({ runs: z.array(run), budget: budgetResponse });

const exportFormat = named(z.enum(EXPORT_FORMATS), "ExportFormat");
const exportStatus = z.enum(["QUEUED", "RUNNING", "DONE", "FAILED", "CANCELLED"]);
const exportView = named(
  z.looseObject({
    id,
    format: exportFormat,
    status: exportStatus,
    rowsDone: z.number().int(),
    sha256: z.string().nullable(),
    createdAt: when,
    expiresAt: when.nullable(),
  }),
  "Export",
);
export const exportListResponse = z.object({ exports: z.array(exportView) });
export const exportStartedResponse = z.object({ export: z.looseObject({ id, status: exportStatus, format: exportFormat }) });
const importStatus = z.enum(["QUEUED", "RUNNING", "DONE", "FAILED", "CANCELLED"]);
export const importListResponse = z.object({
  imports: z.array(z.looseObject({ id, fileName: z.string(), status: importStatus, rowsInserted: z.number().int(), rowsFailed: z.number().int() })),
});
export const invitationListResponse = z.object({ invitations: z.array(z.looseObject({ id, email: z.string().nullable() })) });
export const invitationCreatedResponse = z.object({ email: z.string().nullable(), link: z.string().describe("The one-time link to send; shown only here") });
export const memberListResponse = z.object({
  members: z.array(named(z.object({ userId: id, name: z.string(), email: z.string(), role, joinedAt: when }), "Member")),
});
export const adjudicationListResponse = z.object({ items: z.array(z.looseObject({ id: z.number().int(), externalId: z.string() })) });

const attempt = z.looseObject({ at: when, status: z.number().int().nullable(), error: z.string().nullable(), ms: z.number() });
const delivery = named(
  z.looseObject({
    id,
    event: z.string(),
    status: z.enum(["PENDING", "SUCCEEDED", "FAILED"]),
    attemptCount: z.number().int(),
    attempts: z.array(attempt),
    createdAt: when,
  }),
  "WebhookDelivery",
);
const webhook = named(
  z.looseObject({
    id,
    url: z.string(),
    events: z.array(z.string()),
    active: z.boolean(),
    createdAt: when,
    previousSecretUntil: when.nullable().describe("Until when the secret before the last rotation still signs"),
  }),
  "Webhook",
);
export const webhookListResponse = z.object({ webhooks: z.array(webhook.extend({ deliveries: z.array(delivery) })) });
export const webhookCreatedResponse = z.object({ webhook: webhook.extend({ secret: z.string().describe("The signing secret, shown only here") }) });

export const synthesisListResponse = z.object({
  jobs: z.array(
    named(
      z.looseObject({
        id,
        label: z.string(),
        count: z.number().int(),
        status: z.enum(["QUEUED", "RUNNING", "PAUSED", "DONE", "CANCELLED", "STOPPED", "FAILED"]),
        kept: z.number().int(),
        dropped: z.number().int(),
        costUsd: z.number(),
        drops: z.array(z.looseObject({ text: z.string(), reason: z.string() })),
      }),
      "SynthesisJob",
    ),
  ),
});

const score = z.looseObject({ n: z.number().int(), correct: z.number().int(), accuracy: z.number().nullable(), interval: interval.nullable() });
const trainingSummary = named(
  z.looseObject({
    id,
    status: z.enum(["QUEUED", "RUNNING", "READY", "FAILED"]),
    error: z.string().nullable(),
    goldItems: z.number().int(),
    llmItems: z.number().int(),
    scores: z
      .looseObject({
        blindItems: z.number().int(),
        llm: score.nullable(),
        gold: score,
        distilled: score.nullable(),
        curve: z.array(z.looseObject({ trainingItems: z.number().int(), accuracy: z.number().nullable(), interval: interval.nullable() })),
      })
      .nullable()
      .describe("Scores on the same blind items; null until the training is READY"),
    createdAt: when,
    finishedAt: when.nullable(),
  }),
  "LearnerTraining",
);
export const learnerStatusResponse = z.looseObject({
  latest: trainingSummary.nullable(),
  ready: trainingSummary.nullable().describe("The latest READY training"),
});

const perLabel = named(
  z.looseObject({
    label: z.string(),
    precision: z.number().nullable(),
    recall: z.number().nullable(),
    f1: z.number().nullable(),
    support: z.number().int(),
    predicted: z.number().int(),
    tp: z.number().int(),
  }),
  "LabelScore",
);
const sliceMetrics = named(
  z.looseObject({
    n: z.number().int().describe("Gold items in the slice with this version's answer"),
    correct: z.number().int(),
    accuracy: z.number().nullable(),
    interval: interval.nullable(),
    kappa: z.number().nullable(),
    perLabel: z.array(perLabel),
    macroF1: z.number().nullable(),
    microF1: z.number().nullable(),
    confusion: z.object({ labels: z.array(z.string()), matrix: z.array(z.array(z.number().int())).describe("matrix[gold][predicted]") }).nullable(),
    multiLabel: z.object({ exactMatch: z.number().nullable(), hammingLoss: z.number().nullable() }).nullable(),
    spans: z.object({ exact: z.array(perLabel), overlap: z.array(perLabel) }).nullable(),
    calibration: z.looseObject({
      bins: z.array(z.object({ from: z.number(), to: z.number(), n: z.number().int(), meanConfidence: z.number(), accuracy: z.number() })),
      ece: z.number().nullable(),
      thresholds: z.array(z.object({ threshold: z.number(), covered: z.number().int(), coverage: z.number(), accuracy: z.number().nullable() })),
    }),
    moreGoldNeeded: z.number().int(),
  }),
  "SliceMetrics",
);
const versionSummary = named(
  z.looseObject({
    id,
    number: z.number().int(),
    modelId: z.string(),
    strategy: z.string(),
    labeled: z.number().int(),
    external: z.string().nullable(),
    trial: z.boolean().optional().describe("A candidate proposed from corrections, not in use"),
    proposed: z.boolean().optional().describe("Proposed from corrections (lib/alignment)"),
  }),
  "VersionSummary",
);
export const metricsResponse = named(
  z.looseObject({
    taskType,
    labels: z.array(z.string()),
    versions: z.array(versionSummary),
    version: versionSummary.nullable().describe("The version measured"),
    slices: z.object({ all: sliceMetrics, blind: sliceMetrics, assisted: sliceMetrics }).nullable().describe("Null until a version has labeled something"),
    grounding: z
      .looseObject({
        suggestions: z.number().int(),
        ungrounded: z.number().int(),
        ungroundedShare: z.number(),
        ungroundedInterval: interval.nullable(),
        grounded: z.looseObject({ n: z.number().int(), correct: z.number().int(), accuracy: z.number().nullable(), interval: interval.nullable() }),
        notFound: z.looseObject({ n: z.number().int(), correct: z.number().int(), accuracy: z.number().nullable(), interval: interval.nullable() }),
      })
      .nullable()
      .optional()
      .describe(
        "Rationales checked against the item (chain-of-thought versions): the share whose quoted evidence is not in the item, and accuracy with and without",
      ),
    reference: z
      .looseObject({
        references: z.number().int(),
        rows: z.array(
          z.looseObject({
            who: z.string(),
            hint: z.string(),
            n: z.number().int(),
            agree: z.number().int(),
            rate: z.number().nullable(),
            interval: interval.nullable(),
          }),
        ),
      })
      .nullable()
      .optional()
      .describe("Agreement with imported reference labels; null when the project has none"),
  }),
  "Metrics",
);

const sliceTest = z.looseObject({
  key: z.string().describe("The slice's value of the field (a quintile's index for numbers; see `labels`)"),
  n: z.number().int(),
  hits: z.number().int().describe("Right answers (model) or items every reviewer agreed on (people)"),
  rate: z.number().nullable(),
  interval: interval.nullable(),
  rest: z.object({ n: z.number().int(), rate: z.number().nullable() }),
  p: z.number().nullable().describe('One-sided p-value of "worse than the rest" (Fisher\'s exact test, mid-p); null when too small to test'),
  adjustedP: z.number().nullable().describe("Holm-adjusted over the slices tested"),
  worse: z.boolean().describe("Significantly worse than the rest after the correction"),
});
const sliceReport = named(
  z.looseObject({
    slices: z.array(sliceTest),
    tested: z.number().int(),
    alpha: z.number(),
    minN: z.number().int().describe("Slices with fewer items are shown, not tested"),
    detectableGap: z.number().nullable().describe("How much worse a slice of the median size must be to be flagged 8 times in 10"),
  }),
  "SliceReport",
);
export const qualityByFieldResponse = named(
  z.looseObject({
    field: z.string(),
    fields: z.array(z.object({ key: z.string(), label: z.string() })).describe("Fields the project can be sliced by"),
    version: z.object({ id, number: z.number().int() }).nullable(),
    on: z.enum(["all", "blind"]).describe("The gold the model is measured on"),
    labels: z.record(z.string(), z.string()).describe("Each slice key as the page shows it"),
    model: sliceReport.nullable().describe("The model's accuracy by slice; null before any version labeled"),
    people: sliceReport.describe("Items two or more people reviewed, by slice: the share on which every answer was the same"),
    makeUp: z.looseObject({
      rows: z.array(
        z.looseObject({
          key: z.string(),
          label: z.string(),
          items: z.number().int(),
          share: z.number(),
          blind: z.number().int(),
          blindShare: z.number().nullable(),
          blindInterval: interval.nullable(),
        }),
      ),
      chiSquare: z.number().nullable(),
      df: z.number().int().nullable(),
      p: z.number().nullable().describe("Pearson's goodness of fit of the blind slice to the project's items on this field"),
      blindItems: z.number().int(),
    }),
  }),
  "QualityByField",
);

const suggestion = named(
  z.looseObject({
    id,
    value: labelValue,
    confidence: z.number().nullable(),
    confidenceSource: z.string().nullable().optional(),
    rationale: z.string().nullable().optional(),
  }),
  "Suggestion",
);
const task = named(
  z.looseObject({
    item: z.looseObject({
      id: z.number().int(),
      externalId: z.string(),
      text: z.string(),
      synthetic: z.boolean().optional(),
      pair: z
        .object({ a: z.string(), b: z.string(), swapped: z.boolean() })
        .optional()
        .describe("A pairwise item's responses, and whether this reviewer sees B on the left"),
      image: z
        .object({ sha256: z.string(), width: z.number().int(), height: z.number().int(), path: z.string() })
        .optional()
        .describe("An image item's picture: GET /api/v1/projects/{projectId}/media/{sha256} serves it"),
      distress: z
        .array(z.string())
        .optional()
        .describe("The project's distress categories the model flagged in the item (blur it until the reviewer chooses to see it)"),
    }),
    blind: z.boolean(),
    suggestion: suggestion.nullable().describe("Null on blind items"),
    leasedUntil: when,
  }),
  "Task",
);
export const nextTaskResponse = z.looseObject({
  task: task.nullable().describe("Null when the queue is empty"),
  progress: z
    .looseObject({
      today: z.number().int(),
      remaining: z.number().int(),
      capReached: z.boolean().optional().describe("The caller reached the project's daily cap: no new item until tomorrow"),
    })
    .nullable()
    .optional(),
});

// The single things and the answers to actions.
export const projectCreatedResponse = z.looseObject({ id });
export const archivedResponse = z.object({ archived: z.boolean() });
export const okResponse = z.object({ ok: z.literal(true) });

const importView = named(
  z.looseObject({
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
  }),
  "Import",
);
export const importResponse = z.object({ import: importView });
export const importPreviewResponse = z.object({
  preview: z.object({
    format: z.string(),
    delimiter: z.enum(["comma", "semicolon", "tab", "pipe"]).nullable().describe("CSV only"),
    columns: z.array(
      z.object({ name: z.string(), meanLength: z.number(), idLike: z.boolean().describe("Short, space-free, all different: looks like ids, not text") }),
    ),
    rows: z.array(z.object({ line: z.number().int(), fields: z.record(z.string(), z.string()) })),
    bad: z.array(z.object({ line: z.number().int(), reason: z.string() })),
    text: z.string().nullable().describe("The text column when it is clear; null: the lead must choose"),
    id: z.string().nullable(),
    partial: z.boolean(),
  }),
});
export const importStartedResponse = z.object({
  import: z.looseObject({ id }),
  statusUrl: z.string().describe("Where to follow the import (also the Location header)"),
});
export const importErrorsResponse = z.object({
  errors: z.array(z.object({ line: z.number().int(), field: z.string().nullable(), reason: z.string(), excerpt: z.string() })),
});

const goldView = named(
  z.looseObject({
    value: labelValue,
    source: z.enum(["SINGLE_REVIEW", "AGREEMENT", "ADJUDICATION", "CORRECTION", "AUTO", "IMPORTED"]),
    blind: z.boolean(),
    updatedAt: when,
  }),
  "Gold",
);
export const goldResponse = z.object({ gold: goldView.nullable().describe("Null for annotators, who review independently of it") });
export const itemResponse = z.object({
  item: named(
    z.looseObject({
      id: z.number().int(),
      externalId: z.string(),
      text: z.string(),
      metadata: z.record(z.string(), z.unknown()),
      status: z.enum(["NEW", "PRELABELED", "REVIEWED"]),
      origin: z.enum(["REAL", "SYNTHETIC"]),
      responseA: z.string().nullable(),
      responseB: z.string().nullable(),
      createdAt: when,
      import: z.looseObject({ id, fileName: z.string(), createdAt: when }).nullable(),
    }),
    "Item",
  ),
  decisions: z.array(
    z.looseObject({ id, action: decisionAction, value: labelValue.nullable(), blind: z.boolean(), createdAt: when, annotatorName: z.string() }),
  ),
  gold: goldView.nullable().describe("Leads only"),
  suggestion: z
    .looseObject({ id, value: labelValue.nullable(), confidence: z.number().nullable(), status: z.enum(["OK", "FAILED"]) })
    .nullable()
    .describe("The latest suggestion; leads only"),
  reference: named(
    z.looseObject({
      value: labelValue,
      annotations: z.array(
        z.looseObject({
          value: labelValue,
          annotator: z.string().nullable(),
          leadTime: z.number().nullable(),
          createdAt: z.string().nullable(),
          groundTruth: z.boolean(),
        }),
      ),
      createdAt: when,
    }),
    "ReferenceLabel",
  )
    .nullable()
    .describe("The label an import brought as a reference, with every annotation it came from; leads only"),
});

const progress = z.looseObject({ today: z.number().int(), remaining: z.number().int(), adjudication: z.number().int() });
export const decisionCreatedResponse = z.object({ decision, progress });
export const decisionResponse = z.object({ decision });
export const undoResponse = z.object({ task, previous: z.object({ action: decisionAction, value: labelValue.nullable() }) });

export const predictResponse = z.object({
  trainingId: id,
  predictions: z.array(z.looseObject({ labels: z.array(z.string()), probabilities: z.record(z.string(), z.number()) })),
});
export const trainingResponse = trainingSummary;

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
export const webhookRotatedResponse = z.object({
  secret: z.string().describe("The new signing secret (whsec_...), shown only here"),
  previousSecretUntil: when,
});
export const webhookPingResponse = z.object({ delivery: z.looseObject({ id }) });

// Settings and actions a lead has in the app (API parity).
export const applyProgress = named(
  z.looseObject({
    id,
    status: z.enum(["QUEUED", "RUNNING", "DONE", "FAILED"]),
    reason: z.enum(["settings", "run", "audit"]),
    accepted: z.number().int(),
    audited: z.number().int(),
    totalAccepted: z.number().int().nullable(),
    progress: z.number().nullable(),
    summary: z.looseObject({ certified: z.boolean(), threshold: z.number().nullable(), paused: z.string().nullable(), accepting: z.boolean() }).nullable(),
    error: z.string().nullable(),
    createdAt: when,
    finishedAt: when.nullable(),
  }),
  "AutoAcceptApply",
);
export const applyResponse = z.object({ apply: applyProgress.nullable() });
export const applyStartedResponse = z.object({ applyId: id });
export const sentBackResponse = z.object({ items: z.number().int().describe("Items put back in the review queue") });
export const runEstimateResponse = named(
  z.looseObject({
    items: z.number().int(),
    alreadyLabeled: z.number().int().describe("Items the version has already answered: not billed again"),
    requests: z.number().int(),
    expectedUsd: z.number(),
    worstCaseUsd: z.number().describe("What the budget reserves: every request at its max_tokens"),
    budget: z.looseObject({ budgetUsd: z.number().nullable(), spentUsd: z.number(), reservedUsd: z.number() }),
  }),
  "RunEstimate",
);
export const promptPreviewResponse = z.looseObject({
  version: z.looseObject({ id, number: z.number().int(), strategy: z.string() }),
  item: z.looseObject({ id: z.number().int(), externalId: z.string() }).nullable(),
  request: z.record(z.string(), z.unknown()).nullable().describe("The Messages API request body; null without items"),
  fewShotWithoutGold: z.boolean(),
  cached: z.boolean(),
});
export const rulingUndoneResponse = z.looseObject({ itemId: z.number().int(), externalId: z.string(), value: labelValue.nullable() });
