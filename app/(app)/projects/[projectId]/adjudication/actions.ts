"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { projectAction } from "@/lib/auth/action";
import { adjudicate, undoLastRuling } from "@/lib/gold/adjudicate";
import { positiveInt } from "@/lib/validation";

export const adjudicateAction = projectAction(
  { role: "LEAD", writes: true },
  z.object({ itemId: positiveInt, value: z.unknown(), note: z.string().max(2000, "At most 2,000 characters").default("") }),
  async (access, input) => {
    await adjudicate(access, input.itemId, input.value, input.note);
    revalidatePath(`/projects/${access.projectId}/adjudication`);
  },
);

export const undoRulingAction = projectAction({ role: "LEAD", writes: true }, z.object({}), async (access) => {
  const undone = await undoLastRuling(access);
  revalidatePath(`/projects/${access.projectId}/adjudication`);
  return undone;
});
