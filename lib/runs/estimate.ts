// What a run will cost, shown on the run form before it starts: the expected cost (typical
// answers, no cache discount) and the worst case (every request at its max_tokens), which is
// what the budget reservation holds while requests are out.
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ProjectAccess } from "@/lib/auth/access";
import { buildRequest, promptChars } from "@/lib/llm/build-request";
import { costUsd } from "@/lib/llm/pricing";
import { promptContextFor } from "@/lib/runs/prompt-context";
import type { RunEstimateInput } from "@/lib/runs/schemas";
import { selectionSize, selectionWhere, type SelectionSizeRow } from "@/lib/runs/sql";

/** Output tokens of a typical answer: a tool call with a label and a confidence (and a short rationale). */
const TYPICAL_OUTPUT_TOKENS = { plain: 60, rationale: 160 };

export type RunEstimate = {
  items: number;
  alreadyLabeled: number;
  requests: number;
  expectedUsd: number;
  worstCaseUsd: number;
  budget: { budgetUsd: number | null; spentUsd: number; reservedUsd: number };
};

export async function estimateRun(access: ProjectAccess, input: RunEstimateInput): Promise<RunEstimate> {
  const db = await getDb();
  const version = await db.promptVersion.findFirst({ where: { id: input.promptVersionId, projectId: access.projectId } });
  if (!version) throw new AppError("NOT_FOUND", "Prompt version not found.");
  const ctx = await promptContextFor(access.projectId, version);
  const [size] = await db.$queryRaw<SelectionSizeRow[]>(selectionSize(selectionWhere(access.projectId, version.id, input.selection)));
  const project = await db.project.findUniqueOrThrow({ where: { id: access.projectId }, select: { budgetUsd: true, spentUsd: true, reservedUsd: true } });
  const { samples, maxTokens, fewShotK } = ctx.settings;
  const items = Number(size.items);
  const avgChars = items ? Number(size.chars) / items : 0;
  // Few-shot examples are items of the project: about an average item long each.
  const exampleChars = ctx.strategy === "FEW_SHOT" ? fewShotK * (avgChars + 200) : 0;
  const prefix = promptChars(buildRequest(ctx, ""));
  const batch = input.mode === "BATCH";
  const requests = items * samples;
  const typicalOut = ctx.strategy === "CHAIN_OF_THOUGHT" ? TYPICAL_OUTPUT_TOKENS.rationale : TYPICAL_OUTPUT_TOKENS.plain;
  const perRequest = (charsPerToken: number, chars: number, out: number) =>
    costUsd(ctx.modelId, { inputTokens: Math.ceil((prefix + chars + exampleChars) / charsPerToken), outputTokens: out, cacheReadTokens: 0, cacheWriteTokens: 0 }, { batch });
  return {
    items,
    alreadyLabeled: Number(size.alreadyLabeled),
    requests,
    expectedUsd: perRequest(4, avgChars, Math.min(typicalOut, maxTokens)) * requests,
    worstCaseUsd: items ? (perRequest(3, Number(size.chars) / items, maxTokens) * requests) : 0,
    budget: { budgetUsd: project.budgetUsd === null ? null : Number(project.budgetUsd), spentUsd: Number(project.spentUsd), reservedUsd: Number(project.reservedUsd) },
  };
}
