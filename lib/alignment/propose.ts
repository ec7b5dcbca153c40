// "Improve this version from corrections": the split is made (or extended) first, then the
// version's mistakes on the proposer's part of the gold go to Claude through the one door to the
// model, and its revision is kept as a draft round the lead can edit before testing. The request
// is reserved against the budgets like every other (worst case first, real cost after).
import type Anthropic from "@anthropic-ai/sdk";
import { getDatabase, getDb } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { AppError } from "@/lib/errors";
import type { ProjectAccess } from "@/lib/auth/access";
import { logAuditEvent } from "@/lib/audit/log";
import { callWithRetries } from "@/lib/llm/call";
import { llmClient, llmConfigured } from "@/lib/llm/client";
import { SELECTABLE_MODELS } from "@/lib/llm/models";
import { costUsd, maxRequestCostUsd } from "@/lib/llm/pricing";
import { tokenBound } from "@/lib/llm/tokens";
import { describeValue, type TaskType } from "@/lib/values/value";
import { reserveSpend, settleMoneyNow, STOP_MESSAGES } from "@/lib/runs/budget";
import { promptContextFor } from "@/lib/prompts/context";
import { groupByConfusion, parseProposal, proposerRequest, type Correction, type ProposerInput } from "@/lib/alignment/proposer";
import { answeredOnProposerPart, assignSplit, correctOnProposerPart, corrections as correctionsSql, type CorrectionRow } from "@/lib/alignment/sql";

/** At most this many corrections go into one proposal (a fixed sample of them when there are more). */
const MAX_CORRECTIONS = 120;

/** `maxUsd`: refuse when the request's worst case is more (a loop's spend cap). */
export type ProposeInput = { versionId: string; proposerModel: string; loopId?: string; maxUsd?: number };

export async function proposeFromCorrections(access: ProjectAccess, input: ProposeInput) {
  if (!llmConfigured()) throw new AppError("BAD_REQUEST", "ANTHROPIC_API_KEY is not set on the server: no proposal can be asked for.");
  if (!SELECTABLE_MODELS.includes(input.proposerModel))
    throw new AppError("VALIDATION", "Choose a proposer model from the list.", { proposerModel: "Not a selectable model" });
  const db = await getDb();
  const { projectId } = access;
  const version = await db.promptVersion.findFirst({ where: { id: input.versionId, projectId, learnerTrainingId: null, externalSource: null } });
  if (!version) throw new AppError("NOT_FOUND", "Prompt version not found.");
  const project = await db.project.findUniqueOrThrow({ where: { id: projectId }, select: { taskType: true } });
  const taskType = project.taskType as TaskType;

  await db.$executeRaw(assignSplit(projectId));
  const rows = await db.$queryRaw<CorrectionRow[]>(correctionsSql({ projectId, versionId: version.id, taskType, limit: MAX_CORRECTIONS }));
  if (!rows.length && !(await db.alignmentSplit.count({ where: { projectId, heldOut: false } }))) {
    throw new AppError(
      "VALIDATION",
      "No gold in the proposer's part yet: review items first (all blind gold and about half the rest are held out to test proposals).",
    );
  }
  if (!rows.length && !(await db.$queryRaw<{ n: number }[]>(answeredOnProposerPart(projectId, version.id)))[0].n) {
    throw new AppError(
      "VALIDATION",
      `Version ${version.number} has not answered the proposer's part of the gold: run it on the gold set (Pre-labeling, "The gold set only") first.`,
    );
  }
  if (!rows.length) {
    throw new AppError(
      "VALIDATION",
      `Version ${version.number} has no corrections on the proposer's part of the gold yet: review more of its suggestions (about half the gold is held out to test the proposal).`,
    );
  }
  await refuseHeldOut(rows.map((r) => r.itemId));
  const [{ n: correctCount }] = await db.$queryRaw<{ n: number }[]>(correctOnProposerPart({ projectId, versionId: version.id, taskType }));
  const ctx = await promptContextFor(projectId, version);
  const proposerInput: ProposerInput = {
    modelId: input.proposerModel,
    instructions: version.instructions,
    guidelines: ctx.guidelines,
    labels: ctx.labels,
    confusions: groupByConfusion(rows.map(toCorrection)),
    correctCount,
  };
  const req = proposerRequest(proposerInput);
  const { message, spent } = await callWithinBudget(projectId, req, input.maxUsd);
  const proposal = parseProposal(message, proposerInput);
  if ("error" in proposal) throw new AppError("UNPROCESSABLE", `${proposal.error} Nothing was saved; try again, or with another model.`);

  const database = await getDatabase();
  const roundId = await database.rawTransaction(async (tx) => {
    // Numbered under the project's lock: two proposals made at once get the next two numbers.
    await tx.query(sql`SELECT 1 FROM "Project" WHERE id = ${projectId} FOR UPDATE`);
    const [round] = await tx.query<{ id: string; number: number }>(
      sql`INSERT INTO "AlignmentRound" (id, "projectId", number, "loopId", "parentVersionId", instructions, "labelDescriptions", changes, corrections, "proposerModel", "proposalCostUsd", "createdById")
          SELECT ${crypto.randomUUID()}, ${projectId}, coalesce(max(number), 0) + 1, ${input.loopId ?? null}, ${version.id}, ${proposal.instructions},
                 ${JSON.stringify(proposal.labelDescriptions)}::jsonb, ${JSON.stringify(proposal.changes)}::jsonb, ${rows.length}, ${input.proposerModel}, ${spent}, ${access.userId}
          FROM "AlignmentRound" WHERE "projectId" = ${projectId}
          RETURNING id, number`,
    );
    await logAuditEvent(tx, {
      projectId,
      actorId: access.userId,
      itemId: null,
      kind: "alignment.proposed",
      data: { round: round.number, version: version.number, corrections: rows.length, model: input.proposerModel, costUsd: spent },
    });
    return round.id;
  });
  return db.alignmentRound.findUniqueOrThrow({ where: { id: roundId } });
}

const toCorrection = (r: CorrectionRow): Correction => ({
  itemId: r.itemId,
  externalId: r.externalId,
  text: r.text,
  gold: describeValue(r.gold),
  suggested: describeValue(r.suggested),
  rationale: r.rationale,
  note: r.note,
});

/** A second lock on the door: whatever the query did, no held-out item may reach a proposer. */
async function refuseHeldOut(itemIds: number[]) {
  const db = await getDb();
  const leaked = await db.alignmentSplit.count({ where: { itemId: { in: itemIds }, heldOut: true } });
  if (leaked) throw new Error(`${leaked} held-out items were about to be sent to the proposer`);
}

/** One request, its worst case reserved first and its real cost settled after (failed: nothing billed). */
async function callWithinBudget(projectId: string, req: Anthropic.MessageCreateParamsNonStreaming, maxUsd = Infinity) {
  const worst = maxRequestCostUsd(req.model, tokenBound(JSON.stringify([req.system, req.messages, req.tools])), req.max_tokens);
  if (worst > maxUsd)
    throw new AppError("CONFLICT", `The proposal could cost up to $${worst.toFixed(4)}, more than the $${maxUsd.toFixed(4)} left of the cap.`);
  const reservation = await reserveSpend(projectId, worst);
  if (!reservation.ok) throw new AppError("CONFLICT", STOP_MESSAGES[reservation.limit]);
  let message: Anthropic.Message | null = null;
  let spent = 0;
  try {
    message = (await callWithRetries(llmClient(), req)).message;
    const u = message.usage;
    spent = costUsd(req.model, {
      inputTokens: u.input_tokens,
      outputTokens: u.output_tokens,
      cacheReadTokens: u.cache_read_input_tokens ?? 0,
      cacheWriteTokens: u.cache_creation_input_tokens ?? 0,
    });
  } catch (err) {
    throw new AppError("UNPROCESSABLE", `The proposal request failed: ${(err as Error).message}`);
  } finally {
    await settleMoneyNow(projectId, worst, spent);
  }
  return { message, spent };
}
