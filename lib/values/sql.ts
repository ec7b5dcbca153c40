// Label names inside stored values, in SQL: whether a value uses a label, and the value with a
// label renamed. Suggestions, gold and decisions store label *names* ({label}, {labels: [...]},
// {spans: [{label, ...}]}), so renaming, merging or retiring a label rewrites or counts them in place.
import { identifier, sql, type Sql } from "@/lib/db/sql";
import type { TaskType } from "@/lib/task-types";
import { taskTypeSql } from "@/lib/task-types/sql";

/** True when the JSON value in `column` uses the label `name`. */
export const usesLabel = (taskType: TaskType, column: Sql, name: string): Sql => taskTypeSql(taskType).usesLabel(column, name);

/** The value in `column` with the label `from` renamed to `to` (a merge when `to` is already used). */
export const relabeled = (taskType: TaskType, column: Sql, from: string, to: string): Sql => taskTypeSql(taskType).relabeled(column, from, to);

/** Rewrites the label in one table's values of a project. */
export function relabelTable(table: "Suggestion" | "GoldLabel" | "Decision", taskType: TaskType, projectId: string, from: string, to: string): Sql {
  return sql`UPDATE ${identifier(table)} SET value = ${relabeled(taskType, sql`value`, from, to)}
             WHERE "projectId" = ${projectId} AND ${usesLabel(taskType, sql`value`, from)}`;
}
