"use server";
import { revalidatePath } from "next/cache";
import { projectFormAction } from "@/lib/auth/action";
import { leadTextSchema } from "@/lib/exports/datasheet/lead-text";
import { saveLeadText } from "@/lib/exports/datasheet/save-lead-text";

export const saveDatasheetTextAction = projectFormAction({ role: "LEAD", writes: true }, leadTextSchema, async (access, text) => {
  await saveLeadText(access, text);
  revalidatePath(`/projects/${access.projectId}/exports`);
  return { saved: true };
});
