// {scores} in SQL. Criteria sort COLLATE "C", as the TypeScript key sorts them.
import { sql, type Sql } from "@/lib/db/sql";
import type { TaskTypeSql } from "@/lib/task-types/sql-types";

/** The object at `value`->'scores', or an empty one when it is anything else (odd JSON never fails a page). */
const scoresObject = (value: Sql) => sql`(CASE WHEN jsonb_typeof(${value}->'scores') = 'object' THEN ${value}->'scores' ELSE '{}'::jsonb END)`;

export const ratingSql: TaskTypeSql = {
  key: (value) => sql`(SELECT coalesce(string_agg(k || '=' || v, '|' ORDER BY k COLLATE "C"), '') FROM jsonb_each_text(${scoresObject(value)}) AS e(k, v))`,
  labels: (value) => sql`ARRAY(SELECT k FROM jsonb_object_keys(${scoresObject(value)}) k ORDER BY 1)`,
  usesLabel: (column, name) => sql`(${column}->'scores') ? ${name}`,
  // A renamed criterion keeps its level; merged into one already rated, the target's level stays.
  relabeled: (column, from, to) =>
    sql`jsonb_set(${column}, '{scores}', (${scoresObject(column)} - ${from}::text) || jsonb_build_object(${to}::text, coalesce(${column}->'scores'->${to}::text, ${column}->'scores'->${from}::text)))`,
};
