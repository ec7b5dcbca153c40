// The Label Studio names a project's import saw (the control tag's from_name, the object's to_name),
// kept on the project so its Label Studio export goes back into the same Label Studio project.
import { getDb } from "@/lib/db";
import { labelStudioNames } from "@/lib/label-studio/format";

/** Saves the names the task's regions use; false when the task has none (try the next task). */
export async function rememberLabelStudioNames(projectId: string, task: Record<string, unknown>): Promise<boolean> {
  const names = labelStudioNames(task);
  if (!names) return false;
  const db = await getDb();
  const data = (task.data && typeof task.data === "object" ? task.data : task) as Record<string, unknown>;
  const textKey = typeof data.text === "string" ? "text" : (Object.keys(data).find((k) => typeof data[k] === "string") ?? "text");
  await db.project.update({ where: { id: projectId }, data: { labelStudio: { ...names, textKey } } });
  return true;
}
