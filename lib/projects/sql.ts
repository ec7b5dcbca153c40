// Label values inside stored JSON. Suggestions, gold and decisions store label *names*
// ({label}, {labels: [...]}, {spans: [{label, ...}]}), so renaming, merging or retiring a label
// rewrites or counts those values in place. Row types sit next to the statements.
import { sql, type Sql } from "@/lib/db/sql";
import { usesLabel } from "@/lib/values/sql";
import type { TaskType } from "@/lib/generated/prisma/enums";

export type LabelUsageRow = { suggestions: number; gold: number; decisions: number };

/** How many stored values use a label. */
export function labelUsage(taskType: TaskType, projectId: string, name: string): Sql {
  return sql`SELECT
    (SELECT count(*) FROM "Suggestion" WHERE "projectId" = ${projectId} AND ${usesLabel(taskType, sql`value`, name)})::int AS suggestions,
    (SELECT count(*) FROM "GoldLabel" WHERE "projectId" = ${projectId} AND ${usesLabel(taskType, sql`value`, name)})::int AS gold,
    (SELECT count(*) FROM "Decision" WHERE "projectId" = ${projectId} AND ${usesLabel(taskType, sql`value`, name)})::int AS decisions`;
}

/** Statements over a whole project's values may take longer than a page's requests may. */
export const LONG_STATEMENTS = sql`SET LOCAL statement_timeout = '5min'`;
