"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/lib/action-result";
import { requireUser } from "@/lib/auth/session";
import { adjudicate } from "@/lib/reviews/adjudicate";

export async function adjudicateAction(projectId: string, itemId: number, value: unknown) {
  return runAction(async () => {
    const user = await requireUser();
    await adjudicate({ userId: user.id, projectId, itemId: z.number().int().parse(itemId), value });
    revalidatePath(`/projects/${projectId}/adjudication`);
  });
}
