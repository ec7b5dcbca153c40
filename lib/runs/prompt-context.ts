// The prompt a run sends, from its prompt version and the project's current labels and guidelines.
import { getDb } from "@/lib/db";
import type { PromptContext } from "@/lib/llm/build-request";
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
