// What a run will cost, shown on the run form before it starts: the expected cost (typical
// answers, the stable prefix read from the cache when it is long enough to be cached) and the
// worst case (every input token at the cache-write price, every request at its max_tokens), which
// is what the budget reservation holds while requests are out. Tokens: the prefix as counted by
// the API (once per prompt version), the items by the token bound over their summed sizes.
import { getDb } from "@/lib/db";
import type { PromptVersion } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import type { ProjectAccess } from "@/lib/auth/access";
import { costUsd, maxRequestCostUsd } from "@/lib/llm/pricing";
import { tokenBoundFromSizes } from "@/lib/llm/tokens";
import type { PrefixSize } from "@/lib/llm/prefix";
import { preparePrompt } from "@/lib/prompts/context";
import { requestsPerItem } from "@/lib/llm/label-item";
import { wantsRationale } from "@/lib/llm/build-request";
import { taskTypeDef } from "@/lib/task-types";
import type { RunEstimateInput } from "@/lib/runs/schemas";
import { selectionSize, selectionWhere, type SelectionSizeRow } from "@/lib/runs/sql";

/** Output tokens of a typical answer: a tool call with a label and a confidence (and a short rationale). */
const TYPICAL_OUTPUT_TOKENS = { plain: 60, rationale: 160 };
/** The tags and the closing line around each item, and the "Example n: ... Answer: {...}" around each few-shot example. */
const ITEM_FRAME_TOKENS = 30;
const EXAMPLE_FRAME_TOKENS = 60;

export type RunEstimate = {
  items: number;
  alreadyLabeled: number;
  requests: number;
  expectedUsd: number;
  worstCaseUsd: number;
  prefix: PrefixSize;
  budget: { budgetUsd: number | null; spentUsd: number; reservedUsd: number };
};

export async function estimateRun(access: ProjectAccess, input: RunEstimateInput): Promise<RunEstimate> {
  const db = await getDb();
  const version = await db.promptVersion.findFirst({ where: { id: input.promptVersionId, projectId: access.projectId } });
  if (!version) throw new AppError("NOT_FOUND", "Prompt version not found.");
  return estimateForVersion(access, version, input);
}

/** The same for a version as given: a draft not saved yet (lib/alignment) passes its would-be row, with an id no answer has. */
export async function estimateForVersion(
  access: ProjectAccess,
  version: PromptVersion,
  input: Omit<RunEstimateInput, "promptVersionId">,
): Promise<RunEstimate> {
  const db = await getDb();
  const { ctx, prefix } = await preparePrompt(access.projectId, version);
  const { content } = taskTypeDef(ctx.taskType);
  const images = content === "image";
  const [size] = await db.$queryRaw<SelectionSizeRow[]>(selectionSize(selectionWhere(access.projectId, version.id, input.selection), content));
  const project = await db.project.findUniqueOrThrow({ where: { id: access.projectId }, select: { budgetUsd: true, spentUsd: true, reservedUsd: true } });
  const { maxTokens, fewShotK } = ctx.settings;
  const items = Number(size.items);
  // A picture counts by the documented rule (lib/media/image.ts), its file name as text.
  const itemTokens = items ? (tokenBoundFromSizes(Number(size.chars), Number(size.bytes)) + Number(size.imageTokens)) / items : 0;
  // Few-shot examples are items of the project: about an average item long each.
  const exampleTokens = ctx.strategy === "FEW_SHOT" && !images ? fewShotK * (itemTokens + EXAMPLE_FRAME_TOKENS) : 0;
  const variable = itemTokens + exampleTokens + ITEM_FRAME_TOKENS;
  const batch = input.mode === "BATCH";
  const requests = items * requestsPerItem(ctx);
  const typicalOut = Math.min(wantsRationale(ctx) ? TYPICAL_OUTPUT_TOKENS.rationale : TYPICAL_OUTPUT_TOKENS.plain, maxTokens);
  const cached = prefix.cacheable ? prefix.tokens : 0;
  const expected = costUsd(
    ctx.modelId,
    { inputTokens: Math.ceil(variable * 0.75) + prefix.tokens - cached, cacheReadTokens: cached, cacheWriteTokens: 0, outputTokens: typicalOut },
    { batch },
  );
  return {
    items,
    alreadyLabeled: Number(size.alreadyLabeled),
    requests,
    expectedUsd: expected * requests,
    worstCaseUsd: items ? maxRequestCostUsd(ctx.modelId, Math.ceil(prefix.tokens + variable), maxTokens, { batch }) * requests : 0,
    prefix,
    budget: {
      budgetUsd: project.budgetUsd === null ? null : Number(project.budgetUsd),
      spentUsd: Number(project.spentUsd),
      reservedUsd: Number(project.reservedUsd),
    },
  };
}
