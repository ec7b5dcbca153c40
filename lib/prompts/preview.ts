// The exact request a prompt version sends for one item (system, tool, examples, item), so a lead
// reads what the model will get before paying for a run. Built by the same code the runs use.
import type Anthropic from "@anthropic-ai/sdk";
import { getDb } from "@/lib/db";
import type { ProjectAccess } from "@/lib/auth/access";
import { AppError } from "@/lib/errors";
import { FewShotIndex } from "@/lib/llm/few-shot";
import { itemRequest } from "@/lib/llm/label-item";
import { loadGoldExamples } from "@/lib/prompts/gold-examples";
import { preparePrompt } from "@/lib/prompts/context";

export type RequestPreview = {
  version: { id: string; number: number; strategy: string };
  item: { id: number; externalId: string } | null;
  request: Anthropic.MessageCreateParamsNonStreaming | null;
  /** Few-shot asked for, but the project has no gold yet: the run goes without examples. */
  fewShotWithoutGold: boolean;
  cached: boolean;
};

/** `externalId`: the item to preview; the project's first item when not given or not found. */
export async function requestPreview(access: ProjectAccess, versionId: string, externalId?: string): Promise<RequestPreview> {
  const db = await getDb();
  const version = await db.promptVersion.findFirst({ where: { id: versionId, projectId: access.projectId } });
  if (!version) throw new AppError("NOT_FOUND", "Prompt version not found.");
  const item =
    (externalId ? await db.item.findFirst({ where: { projectId: access.projectId, externalId }, select: { id: true, externalId: true, text: true } }) : null) ??
    (await db.item.findFirst({ where: { projectId: access.projectId }, orderBy: { id: "asc" }, select: { id: true, externalId: true, text: true } }));
  const prompt = await preparePrompt(access.projectId, version);
  const fewShot = version.strategy === "FEW_SHOT";
  const gold = fewShot ? await loadGoldExamples(access.projectId) : [];
  const examples = item && gold.length ? new FewShotIndex(gold).select(item.id, item.text, prompt.ctx.settings.fewShotK) : [];
  return {
    version: { id: version.id, number: version.number, strategy: version.strategy },
    item: item && { id: item.id, externalId: item.externalId },
    request: item ? itemRequest(prompt, { itemId: item.id, text: item.text, examples }) : null,
    fewShotWithoutGold: fewShot && gold.length === 0,
    cached: prompt.cachePrefix,
  };
}

/** Whether the project has any gold (a FEW_SHOT version runs without examples until it does). */
export async function hasGold(access: ProjectAccess): Promise<boolean> {
  const db = await getDb();
  return (await db.goldLabel.findFirst({ where: { projectId: access.projectId }, select: { itemId: true } })) !== null;
}
