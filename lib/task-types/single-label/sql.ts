// {label} in SQL: shared by single-label and pairwise.
import { sql } from "@/lib/db/sql";
import type { TaskTypeSql } from "@/lib/task-types/sql-types";

export const oneLabelSql: TaskTypeSql = {
  key: (value) => sql`(${value}->>'label')`,
  labels: (value) => sql`ARRAY[${value}->>'label']`,
  usesLabel: (column, name) => sql`(${column}->>'label') = ${name}`,
  relabeled: (column, _from, to) => sql`jsonb_set(${column}, '{label}', to_jsonb(${to}::text))`,
};
