// PATCH for the API: only the fields sent change. The patch is laid over the project as it is and
// the result goes through the same validation and update as the Settings form's whole project
// (lib/projects/update-project.ts), so a partial body can never skip a rule the form enforces.
import { z } from "zod";
import type { ProjectAccess } from "@/lib/auth/access";
import { getProject } from "@/lib/projects/queries";
import { labelSchema, projectUpdateSchema, removedLabelSchema } from "@/lib/projects/schemas";
import { updateProject } from "@/lib/projects/update-project";
import { readScale, taskTypeDef, TASK_TYPE_NAMES } from "@/lib/task-types";

/** Every field optional and without defaults: a field left out is a field kept. */
export const projectPatchSchema = z.object({
  name: z.string().optional(),
  description: z.string().optional(),
  taskType: z.enum(TASK_TYPE_NAMES).optional(),
  guidelines: z.string().optional(),
  labels: z.array(labelSchema).max(100).optional().describe("The whole list, in order; a label left out must be in removedLabels"),
  pairwiseBothBad: z.boolean().optional(),
  removedLabels: z.array(removedLabelSchema).max(100).optional(),
});
export type ProjectPatch = z.infer<typeof projectPatchSchema>;

export async function patchProject(access: ProjectAccess, patch: ProjectPatch) {
  const current = await getProject(access);
  // A criterion keeps its scale when the patch leaves the labels alone.
  const labels = current.labels.map((l) => ({
    id: l.id,
    name: l.name,
    description: l.description,
    color: l.color,
    hotkey: l.hotkey ?? "",
    scale: readScale(l.scale),
  }));
  const whole = projectUpdateSchema.parse({
    name: current.name,
    description: current.description,
    taskType: current.taskType,
    guidelines: current.guidelines,
    labels,
    pairwiseBothBad: taskTypeDef(current.taskType).fixedLabels && current.labels.some((l) => l.name === "both_bad"),
    ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
  });
  await updateProject(access, whole);
}
