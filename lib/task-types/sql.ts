// The task types' SQL, one module each (lib/task-types/<type>/sql.ts), registered beside ./index.ts.
import { multiLabelSql } from "@/lib/task-types/multi-label/sql";
import { ratingSql } from "@/lib/task-types/rating/sql";
import { oneLabelSql } from "@/lib/task-types/single-label/sql";
import { spansSql } from "@/lib/task-types/spans/sql";
import type { TaskTypeSql } from "@/lib/task-types/sql-types";
import { taskTypeDef, type TaskType } from "@/lib/task-types";

export type { TaskTypeSql } from "@/lib/task-types/sql-types";
export { jsonArray, jsonNumber } from "@/lib/task-types/json-sql";

const TASK_TYPE_SQL: Record<TaskType, TaskTypeSql> = {
  SINGLE_LABEL: oneLabelSql,
  MULTI_LABEL: multiLabelSql,
  SPANS: spansSql,
  PAIRWISE: oneLabelSql,
  RATING: ratingSql,
  IMAGE_CLASSIFICATION: oneLabelSql,
  IMAGE_MULTI_LABEL: multiLabelSql,
};

/** The type's SQL; an unknown type throws (as taskType does). */
export const taskTypeSql = (name: string): TaskTypeSql => TASK_TYPE_SQL[taskTypeDef(name).name];
