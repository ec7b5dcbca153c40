// "The same answer", as each task type defines it (lib/task-types/<type>: `key` in TypeScript,
// `sql.ts` its SQL twin), under the names the metrics, exports and the auto-accept audit use.
// lib/task-types/contract.test.ts and lib/gold/canonical.test.ts check the twins agree. Label
// order and span order do not matter; a span is its offsets and label. The SQL reads stored JSON
// without ever failing on it: a value stored by an older version, or written by hand, must never
// turn the Quality page or an export into an error.
import { sql, type Sql } from "@/lib/db/sql";
import type { TaskType } from "@/lib/task-types";
import { taskTypeSql } from "@/lib/task-types/sql";

export { jsonArray, jsonNumber } from "@/lib/task-types/sql";

/** The canonical key of the jsonb value at `value`: the task type's SQL twin of its TypeScript key. */
export const canonicalSql = (taskType: TaskType, value: Sql): Sql => taskTypeSql(taskType).key(value);

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
