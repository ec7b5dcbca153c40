// Field schemas shared by every boundary. Numbers that reach an integer column are bounded to
// PostgreSQL's int4 here, so "3000000000" is a 400 naming the field, not a 500 from the database.
import { z } from "zod";

export const INT4_MAX = 2_147_483_647;

/** A positive integer id or cursor (an item id, a version), from JSON or a query string. */
export const positiveInt = z.coerce
  .number({ error: "Expected a whole number" })
  .int("Expected a whole number")
  .positive("Expected a number above 0")
  .max(INT4_MAX, `At most ${INT4_MAX}`);

/** The same, also allowing 0 and -1 (a "before the first line" cursor). */
export const lineCursor = z.coerce.number({ error: "Expected a whole number" }).int("Expected a whole number").min(-1).max(INT4_MAX, `At most ${INT4_MAX}`);

/**
 * A boolean from JSON (true/false), a query string or a form ("true"/"false", "on", "1"/"0").
 * z.coerce.boolean() would read the string "false" as true.
 */
export const looseBoolean = z.preprocess(
  (v) => {
    if (typeof v === "boolean") return v;
    if (v === "true" || v === "on" || v === "1" || v === 1) return true;
    if (v === "false" || v === "off" || v === "0" || v === 0 || v === "") return false;
    return v;
  },
  z.boolean({ error: "Expected true or false" }),
);

/** A form field that may repeat (checkboxes): absent → [], once → [value], several → all. */
export function formList<T extends z.ZodType>(item: T) {
  return z.preprocess((v) => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]), z.array(item));
}

/** An optional number typed into a form: "" and absent are null. */
export const optionalAmount = z.preprocess(
  (v) => (v === "" || v === undefined || v === null ? null : typeof v === "string" ? Number(v.trim()) : v),
  z
    .number({ error: "Enter an amount in dollars" })
    .finite("Enter an amount in dollars")
    .min(0, "Must not be negative")
    .max(1_000_000, "At most $1,000,000")
    .nullable(),
);

/** Text for a filter or a search, up to `max` characters and without NUL (PostgreSQL cannot hold one in text). */
export const filterText = (max: number) =>
  z
    .string()
    .max(max, `At most ${max} characters`)
    .refine((s) => !s.includes("\u0000"), "Must not contain NUL characters");
