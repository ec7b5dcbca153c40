// {labels} in SQL. Labels sort COLLATE "C": by code point, as the TypeScript key sorts them.
import { sql } from "@/lib/db/sql";
import { jsonArray } from "@/lib/task-types/json-sql";
import type { TaskTypeSql } from "@/lib/task-types/sql-types";

export const multiLabelSql: TaskTypeSql = {
  key: (value) => sql`(SELECT coalesce(string_agg(x, '|' ORDER BY x COLLATE "C"), '') FROM jsonb_array_elements_text(${jsonArray(sql`${value}->'labels'`)}) x)`,
  labels: (value) => sql`ARRAY(SELECT DISTINCT x FROM jsonb_array_elements_text(${jsonArray(sql`${value}->'labels'`)}) x ORDER BY 1)`,
  usesLabel: (column, name) => sql`(${column}->'labels') ? ${name}`,
  // Keeps the order, and a label listed twice after a merge only once.
  relabeled: (column, from, to) => sql`jsonb_set(${column}, '{labels}', (
      SELECT coalesce(jsonb_agg(y ORDER BY first), '[]'::jsonb) FROM (
        SELECT CASE WHEN x = ${from} THEN ${to}::text ELSE x END AS y, min(n) AS first
        FROM jsonb_array_elements_text(${column}->'labels') WITH ORDINALITY AS t(x, n) GROUP BY 1) z))`,
};
