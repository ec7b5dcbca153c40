// "The same answer", defined once: a value's canonical key, in TypeScript (valueKey: votes,
// agreement between reviewers, accepted vs corrected) and its SQL twin (canonicalSql: the metrics,
// exports and the auto-accept audit), which lib/gold/canonical.test.ts checks agree on every task
// type. Label order and span order do not matter; a span is its offsets and label (its `text` is
// the item's text at those offsets, checked when it is stored). Labels sort by code point
// (COLLATE "C" in SQL, the default sort in JS). Also helpers that read stored JSON without ever
// failing on it: a value stored by an older version, or written by hand, must never turn the
// Quality page or an export into an error.
import { sql, type Sql } from "@/lib/db/sql";
import { isSingleValued, type TaskType } from "@/lib/values/value";

/** The JSON array at `expr`, or an empty one when it is anything else. */
export const jsonArray = (expr: Sql) => sql`(CASE WHEN jsonb_typeof(${expr}) = 'array' THEN ${expr} ELSE '[]'::jsonb END)`;

/** The JSON number at `expr` as numeric (any size), or NULL when it is anything else. */
export const jsonNumber = (expr: Sql) => sql`(CASE WHEN jsonb_typeof(${expr}) = 'number' THEN (${expr})::numeric END)`;

export function canonicalSql(taskType: TaskType, value: Sql): Sql {
  if (isSingleValued(taskType)) return sql`(${value}->>'label')`;
  if (taskType === "MULTI_LABEL")
    return sql`(SELECT coalesce(string_agg(x, '|' ORDER BY x COLLATE "C"), '') FROM jsonb_array_elements_text(${jsonArray(sql`${value}->'labels'`)}) x)`;
  return sql`(SELECT coalesce(string_agg(concat(e->>'start', ':', e->>'end', ':', e->>'label'), '|'
                ORDER BY ${jsonNumber(sql`e->'start'`)}, ${jsonNumber(sql`e->'end'`)}, e->>'label' COLLATE "C"), '')
              FROM jsonb_array_elements(${jsonArray(sql`${value}->'spans'`)}) e)`;
}

/**
 * A value (gold or suggestion, as jsonb) that holds the label: as its label, in its labels, or on
 * one of its spans. `label`: a name, or an SQL expression for one (a column).
 */
export function holdsLabel(value: Sql, label: string | Sql): Sql {
  const name = typeof label === "string" ? sql`${label}::text` : label;
  return sql`(${value} @> jsonb_build_object('label', ${name}) OR ${value} @> jsonb_build_object('labels', jsonb_build_array(${name}))
    OR ${value} @> jsonb_build_object('spans', jsonb_build_array(jsonb_build_object('label', ${name}))))`;
}

export { valueKey, sameValue } from "@/lib/values/key";
