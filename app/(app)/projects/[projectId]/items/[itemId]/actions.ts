"use server";
import { isSingleValued } from "@/lib/values/value";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { projectFormAction } from "@/lib/auth/action";
import { AppError } from "@/lib/errors";
import { correctGold } from "@/lib/gold/correct";
import { positiveInt } from "@/lib/validation";
import { taskTypeDef } from "@/lib/task-types";

const list = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string()).max(100));

/** The form carries the new gold as a label (one), labels (several, as checkboxes) or one of the answers given (spans, as JSON). */
export const correctGoldAction = projectFormAction(
  { role: "LEAD", writes: true },
  z.object({
    itemId: positiveInt,
    reason: z.string().trim().min(1, "Say why the gold changes").max(2000, "At most 2,000 characters"),
    label: z.string().optional(),
    labels: list,
    answer: z.string().max(1_000_000).optional(),
  }),
  async (access, input) => {
    const value = isSingleValued(access.project.taskType)
      ? input.label
        ? { label: input.label }
        : undefined
      : taskTypeDef(access.project.taskType).field === "labels"
        ? { labels: input.labels }
        : input.answer
          ? JSON.parse(input.answer)
          : undefined;
    if (value === undefined) throw new AppError("VALIDATION", "Choose the new gold.", { value: "Choose one" });
    await correctGold(access, input.itemId, value, input.reason);
    revalidatePath(`/projects/${access.projectId}/items/${input.itemId}`);
  },
);
