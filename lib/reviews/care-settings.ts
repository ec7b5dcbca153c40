// What a lead sets to care for the people who review (lib/reviews/care.ts): the content warning,
// the categories of distressing content the LLM flags, whether flagged items are blurred, a daily
// cap per reviewer and a break reminder.
import { z } from "zod";
import { looseBoolean } from "@/lib/validation";

export const MAX_DISTRESS_CATEGORIES = 10;

const optionalWhole = (min: number, max: number, unit: string) =>
  z.preprocess(
    (v) => (v === "" || v === null || v === undefined ? null : v),
    z.coerce
      .number()
      .int("A whole number")
      .min(min, `At least ${min} ${unit}`)
      .max(max, `At most ${max.toLocaleString("en")} ${unit}`)
      .nullable(),
  );

/** Categories from a textarea (one per line or comma-separated) or a list: trimmed, de-duplicated, each a short name. */
const categories = z.preprocess(
  (v) => (typeof v === "string" ? v.split(/[\n,]/) : v),
  z
    .array(z.string().trim())
    .transform((xs) => [...new Set(xs.filter(Boolean))])
    .pipe(
      z
        .array(
          z
            .string()
            .max(40, "Each category at most 40 characters")
            .regex(/^[\p{L}\p{N} _'-]+$/u, "Letters, digits, spaces, - and _ only"),
        )
        .max(MAX_DISTRESS_CATEGORIES, `At most ${MAX_DISTRESS_CATEGORIES} categories`),
    ),
);

export const careSettingsSchema = z.object({
  contentWarning: z.string().trim().max(2000, "At most 2,000 characters").default(""),
  distressCategories: categories.default([]),
  blurDistressing: looseBoolean.default(false),
  dailyCap: optionalWhole(1, 10_000, "a day"),
  breakMinutes: optionalWhole(5, 480, "minutes"),
});

export type CareSettings = z.infer<typeof careSettingsSchema>;

/** The stored categories (Project.distressCategories), read leniently. */
export function distressCategoriesOf(stored: unknown): string[] {
  return Array.isArray(stored) ? stored.filter((c): c is string => typeof c === "string") : [];
}
