import { z } from "zod";
import { pairwiseLabels } from "@/lib/pairwise/labels";

import { taskTypeDef, TASK_TYPE_NAMES } from "@/lib/task-types";

export const LABEL_COLORS = ["#2563eb", "#dc2626", "#16a34a", "#d97706", "#7c3aed", "#0891b2", "#db2777", "#4b5563"];

/**
 * A rubric criterion's scale (RATING): whole levels min..max that a reviewer types with one digit
 * key each (0-9; on a scale to 10 without 0, the key 0 is 10), and what each level means.
 */
export const scaleSchema = z
  .object({
    min: z.number().int().min(0, "The lowest level is 0 or more").max(9, "The lowest level is at most 9"),
    max: z.number().int().min(1, "The highest level is 1 or more").max(10, "The highest level is at most 10"),
    anchors: z.array(z.string().trim().max(300, "At most 300 characters per anchor")).max(11).default([]),
  })
  .refine((s) => s.min < s.max, { message: "The highest level must be above the lowest", path: ["max"] })
  .refine((s) => s.max - s.min + 1 <= 10, { message: "At most 10 levels (one digit key each)", path: ["max"] })
  .refine((s) => s.anchors.length <= s.max - s.min + 1, { message: "More anchors than levels", path: ["anchors"] });

export const labelSchema = z.object({
  id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .optional(),
  name: z.string().trim().min(1, "Label name is required").max(60, "At most 60 characters"),
  description: z.string().trim().max(500, "At most 500 characters").default(""),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, "Use a hex color like #2563eb"),
  hotkey: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9]?$/, "One letter or digit")
    // Taken by the review screen: skip, undo, guidelines, why (the suggestion's rationale).
    .refine((k) => !["s", "u", "g", "r"].includes(k), "s, u, g and r are the review screen's own keys (skip, undo, guidelines, why)")
    .transform((k) => (k === "" ? null : k))
    .nullable()
    .default(null),
  /** RATING only (a criterion's scale); null: 1-5. Dropped for other types. */
  scale: scaleSchema.nullable().default(null),
});

const projectFields = z.object({
  name: z.string().trim().min(1, "Give the project a name").max(120, "At most 120 characters"),
  description: z.string().trim().max(2000, "At most 2,000 characters").default(""),
  taskType: z.enum(TASK_TYPE_NAMES, "Choose a task type"),
  guidelines: z.string().max(50_000, "At most 50,000 characters").default(""),
  labels: z.array(labelSchema).max(100, "At most 100 labels"),
  /** PAIRWISE only: offer "both bad" beside A, B and tie. */
  pairwiseBothBad: z.boolean().default(false),
});

/** What happens to a removed label that values still use: merged into another label, or retired (kept, hidden). */
export const removedLabelSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  action: z.enum(["RETIRE", "MERGE"]),
  into: z.string().trim().max(60).optional(),
});

function checkLabels(p: z.infer<typeof projectFields>, ctx: z.RefinementCtx) {
  const type = taskTypeDef(p.taskType);
  if (type.fixedLabels) return; // (withFixedLabels)
  const min = type.minLabels;
  if (p.labels.length < min) {
    ctx.addIssue({ code: "custom", path: ["labels"], message: `Add at least ${min} label${min > 1 ? "s" : ""} for this task type` });
  }
  const seen = new Map<string, number>();
  const keys = new Map<string, number>();
  p.labels.forEach((l, i) => {
    const n = l.name.toLowerCase();
    if (seen.has(n)) ctx.addIssue({ code: "custom", path: ["labels", i, "name"], message: "Label names must be unique" });
    seen.set(n, i);
    if (l.hotkey) {
      if (keys.has(l.hotkey)) ctx.addIssue({ code: "custom", path: ["labels", i, "hotkey"], message: "Hotkeys must be unique" });
      keys.set(l.hotkey, i);
    }
  });
}

/**
 * A pairwise project's labels are not the form's: they are the fixed set (lib/pairwise/labels.ts).
 * Only a rubric's criteria carry a scale, and they have no hotkeys (reviewers type levels).
 */
const withFixedLabels = <T extends z.infer<typeof projectFields>>(p: T): T => {
  const type = taskTypeDef(p.taskType);
  if (type.fixedLabels) return { ...p, labels: pairwiseLabels(p.pairwiseBothBad) };
  return { ...p, labels: p.labels.map((l) => (type.criteria ? { ...l, hotkey: null } : { ...l, scale: null })) };
};

export const projectSchema = projectFields.superRefine(checkLabels).transform(withFixedLabels);
export const projectUpdateSchema = projectFields
  .extend({ removedLabels: z.array(removedLabelSchema).max(100).default([]) })
  .superRefine(checkLabels)
  .transform(withFixedLabels);

export type ProjectInput = z.input<typeof projectSchema>;
export type ProjectUpdateInput = z.infer<typeof projectUpdateSchema>;
export type LabelInput = z.infer<typeof labelSchema>;
