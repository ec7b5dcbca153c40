// The prompt a run sends, from its prompt version and the project's current labels and
// guidelines, made ready for sending: its stable prefix is marked for caching only when the model
// would cache it.
import { getDb } from "@/lib/db";
import type { PromptContext } from "@/lib/llm/build-request";
import type { PreparedPrompt } from "@/lib/llm/label-item";
import type { PrefixSize } from "@/lib/llm/prefix";
import { stablePrefixSize } from "@/lib/prompts/prefix-tokens";
import { promptSettingsSchema } from "@/lib/prompts/schemas";
import type { PromptVersion } from "@/lib/generated/prisma/client";

export async function promptContextFor(projectId: string, version: PromptVersion): Promise<PromptContext> {
  const db = await getDb();
  const project = await db.project.findUniqueOrThrow({
    where: { id: projectId },
    select: { taskType: true, guidelines: true, labels: { where: { retiredAt: null }, orderBy: { position: "asc" }, select: { name: true, description: true } } },
  });
  return {
    taskType: project.taskType,
    labels: project.labels,
    guidelines: project.guidelines,
    modelId: version.modelId,
    strategy: version.strategy,
    instructions: version.instructions,
    settings: promptSettingsSchema.parse(version.settings),
  };
}

export async function preparePrompt(projectId: string, version: PromptVersion): Promise<PreparedPrompt & { prefix: PrefixSize }> {
  const ctx = await promptContextFor(projectId, version);
  const prefix = await stablePrefixSize(version, ctx);
  return { ctx, cachePrefix: prefix.cacheable, prefixTokens: prefix.tokens, prefix };
}
