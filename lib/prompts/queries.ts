import { getDb } from "@/lib/db";
import type { ProjectAccess } from "@/lib/auth/access";
import { promptSettingsSchema } from "@/lib/llm/settings";

export async function listPromptVersions(access: ProjectAccess) {
  const db = await getDb();
  const rows = await db.promptVersion.findMany({
    // Stand-in versions (the task learner's, imported predictions: lib/prompts/stand-in-version.ts) are not prompts.
    where: { projectId: access.projectId, learnerTrainingId: null, externalSource: null },
    orderBy: { number: "desc" },
    include: { createdBy: { select: { name: true } } },
  });
  return rows.map((r) => ({ ...r, settings: promptSettingsSchema.parse(r.settings) }));
}

/** The newest version that is not a candidate under test (lib/alignment): what runs use by default. */
export async function getCurrentPromptVersion(access: ProjectAccess) {
  return (await listPromptVersions(access)).find((v) => !v.trial) ?? null;
}
