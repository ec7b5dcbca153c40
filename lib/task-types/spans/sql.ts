// {spans} in SQL: a span's key is its offsets and label, sorted as the TypeScript key sorts them.
import { sql } from "@/lib/db/sql";
import { jsonArray, jsonNumber } from "@/lib/task-types/json-sql";
import type { TaskTypeSql } from "@/lib/task-types/sql-types";

export const spansSql: TaskTypeSql = {
  key: (value) => sql`(SELECT coalesce(string_agg(concat(e->>'start', ':', e->>'end', ':', e->>'label'), '|'
                ORDER BY ${jsonNumber(sql`e->'start'`)}, ${jsonNumber(sql`e->'end'`)}, e->>'label' COLLATE "C"), '')
              FROM jsonb_array_elements(${jsonArray(sql`${value}->'spans'`)}) e)`,
  labels: (value) => sql`ARRAY(SELECT DISTINCT e->>'label' FROM jsonb_array_elements(${jsonArray(sql`${value}->'spans'`)}) e ORDER BY 1)`,
  usesLabel: (column, name) => sql`(${column}->'spans') @> jsonb_build_array(jsonb_build_object('label', ${name}::text))`,
  relabeled: (column, from, to) => sql`jsonb_set(${column}, '{spans}', (
    SELECT coalesce(jsonb_agg(CASE WHEN e->>'label' = ${from} THEN jsonb_set(e, '{label}', to_jsonb(${to}::text)) ELSE e END ORDER BY n), '[]'::jsonb)
    FROM jsonb_array_elements(${column}->'spans') WITH ORDINALITY AS t(e, n)))`,
};
