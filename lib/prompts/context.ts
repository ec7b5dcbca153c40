// The prompt a run sends, from its prompt version and the project's current labels and
// guidelines, made ready for sending: its stable prefix is marked for caching only when the model
// would cache it.
import { getDb } from "@/lib/db";
import type { PromptContext } from "@/lib/llm/build-request";
import type { PreparedPrompt } from "@/lib/llm/label-item";
import type { PrefixSize } from "@/lib/llm/prefix";
import { stablePrefixSize } from "@/lib/prompts/prefix-tokens";
import { promptSettingsSchema } from "@/lib/llm/settings";
import { distressCategoriesOf } from "@/lib/reviews/care-settings";
import type { PromptVersion } from "@/lib/generated/prisma/client";

export async function promptContextFor(projectId: string, version: PromptVersion): Promise<PromptContext> {
  const db = await getDb();
  const project = await db.project.findUniqueOrThrow({
    where: { id: projectId },
    select: {
      taskType: true,
      guidelines: true,
      distressCategories: true,
      labels: { where: { retiredAt: null }, orderBy: { position: "asc" }, select: { name: true, description: true, scale: true } },
    },
  });
  // A proposed version carries its own label descriptions (lib/alignment): they replace the project's.
  const own = (version.labelDescriptions ?? {}) as Record<string, string>;
  return {
    taskType: project.taskType,
    labels: project.labels.map((l) => (typeof own[l.name] === "string" ? { ...l, description: own[l.name] } : l)),
    guidelines: project.guidelines,
    modelId: version.modelId,
    strategy: version.strategy,
    instructions: version.instructions,
    settings: promptSettingsSchema.parse(version.settings),
    distressCategories: distressCategoriesOf(project.distressCategories),
  };
}

export async function preparePrompt(projectId: string, version: PromptVersion): Promise<PreparedPrompt & { prefix: PrefixSize }> {
  const ctx = await promptContextFor(projectId, version);
  const prefix = await stablePrefixSize(version, ctx);
  return { ctx, cachePrefix: prefix.cacheable, prefixTokens: prefix.tokens, prefix };
}
