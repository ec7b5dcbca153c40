// The lead's own part of the datasheet, kept on the project (Project.datasheet): why the data was
// made, what it is for and not for, its licence, and whether reviewers are named.
import { z } from "zod";

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max.toLocaleString("en")} characters`)
    .default("");

export const leadTextSchema = z.object({
  motivation: text(4000),
  intendedUse: text(4000),
  outOfScope: text(4000),
  licence: text(200),
  contact: text(200),
  /** Reviewers are counted, never named, unless the lead chooses to credit them. */
  nameReviewers: z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean()).default(false),
});

export type LeadText = z.infer<typeof leadTextSchema>;

/** The stored value, read leniently: a field a later version added is empty until the lead writes it. */
export function leadTextOf(stored: unknown): LeadText {
  const parsed = leadTextSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : leadTextSchema.parse({});
}

export const LEAD_TEXT_FIELDS: { key: Exclude<keyof LeadText, "nameReviewers">; label: string; hint: string }[] = [
  { key: "motivation", label: "Motivation", hint: "Why this dataset was made, and by whom." },
  { key: "intendedUse", label: "Intended use", hint: "What it is for: training, evaluation, a benchmark…" },
  { key: "outOfScope", label: "Not for", hint: "Uses it is not suited to, and why." },
  { key: "licence", label: "Licence", hint: "For example CC-BY-4.0, or “internal use only”." },
  { key: "contact", label: "Contact", hint: "Who to ask about the data." },
];
