// Label names inside stored values, in SQL: whether a value uses a label, and the value with a
// label renamed. Suggestions, gold and decisions store label *names* ({label}, {labels: [...]},
// {spans: [{label, ...}]}), so renaming, merging or retiring a label rewrites or counts them in place.
import { identifier, sql, type Sql } from "@/lib/db/sql";
import type { TaskType } from "@/lib/values/value";
import { isSingleValued } from "@/lib/values/value";

/** True when the JSON value in `column` uses the label `name`. */
export function usesLabel(taskType: TaskType, column: Sql, name: string): Sql {
  if (isSingleValued(taskType)) return sql`(${column}->>'label') = ${name}`;
  if (taskType === "MULTI_LABEL") return sql`(${column}->'labels') ? ${name}`;
  return sql`(${column}->'spans') @> jsonb_build_array(jsonb_build_object('label', ${name}::text))`;
}

/** The value in `column` with the label `from` renamed to `to` (a merge when `to` is already used). */
export function relabeled(taskType: TaskType, column: Sql, from: string, to: string): Sql {
  if (isSingleValued(taskType)) return sql`jsonb_set(${column}, '{label}', to_jsonb(${to}::text))`;
  if (taskType === "MULTI_LABEL") {
    // Keeps the order, and a label listed twice after a merge only once.
    return sql`jsonb_set(${column}, '{labels}', (
      SELECT coalesce(jsonb_agg(y ORDER BY first), '[]'::jsonb) FROM (
        SELECT CASE WHEN x = ${from} THEN ${to}::text ELSE x END AS y, min(n) AS first
        FROM jsonb_array_elements_text(${column}->'labels') WITH ORDINALITY AS t(x, n) GROUP BY 1) z))`;
  }
  return sql`jsonb_set(${column}, '{spans}', (
    SELECT coalesce(jsonb_agg(CASE WHEN e->>'label' = ${from} THEN jsonb_set(e, '{label}', to_jsonb(${to}::text)) ELSE e END ORDER BY n), '[]'::jsonb)
    FROM jsonb_array_elements(${column}->'spans') WITH ORDINALITY AS t(e, n)))`;
}

/** Rewrites the label in one table's values of a project. */
export function relabelTable(table: "Suggestion" | "GoldLabel" | "Decision", taskType: TaskType, projectId: string, from: string, to: string): Sql {
  return sql`UPDATE ${identifier(table)} SET value = ${relabeled(taskType, sql`value`, from, to)}
             WHERE "projectId" = ${projectId} AND ${usesLabel(taskType, sql`value`, from)}`;
}
