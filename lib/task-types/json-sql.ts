// Reading stored JSON in SQL without ever failing on it: a value stored by an older version, or
// written by hand, must never turn the Quality page or an export into an error.
import { sql, type Sql } from "@/lib/db/sql";

/** The JSON array at `expr`, or an empty one when it is anything else. */
export const jsonArray = (expr: Sql) => sql`(CASE WHEN jsonb_typeof(${expr}) = 'array' THEN ${expr} ELSE '[]'::jsonb END)`;

/** The JSON number at `expr` as numeric (any size), or NULL when it is anything else. */
export const jsonNumber = (expr: Sql) => sql`(CASE WHEN jsonb_typeof(${expr}) = 'number' THEN (${expr})::numeric END)`;
