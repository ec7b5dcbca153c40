import { getDb } from "@/lib/db";
import { requireProjectRole } from "@/lib/auth/project-role";
import { promptSettingsSchema } from "@/lib/prompts/schemas";

export async function listPromptVersions(userId: string, projectId: string) {
  await requireProjectRole(userId, projectId);
  const db = await getDb();
  const rows = await db.promptVersion.findMany({
    where: { projectId },
    orderBy: { number: "desc" },
    include: { createdBy: { select: { name: true } } },
  });
  return rows.map((r) => ({ ...r, settings: promptSettingsSchema.parse(r.settings) }));
}

export async function getCurrentPromptVersion(userId: string, projectId: string) {
  return (await listPromptVersions(userId, projectId))[0] ?? null;
}
