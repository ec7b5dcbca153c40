"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { projectAction } from "@/lib/auth/action";
import { adjudicate } from "@/lib/reviews/adjudicate";
import { positiveInt } from "@/lib/validation";

export const adjudicateAction = projectAction({ role: "LEAD", writes: true }, z.object({ itemId: positiveInt, value: z.unknown() }), async (access, input) => {
  await adjudicate(access, input.itemId, input.value);
  revalidatePath(`/projects/${access.projectId}/adjudication`);
});
