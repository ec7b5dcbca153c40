// The SQL half of a task type (server only: lib/db/sql is not for the browser). The contract test
// checks each `key` agrees with its TypeScript twin on the same values.
import type { Sql } from "@/lib/db/sql";

export type TaskTypeSql = {
  /** The canonical key of the jsonb value at `value` ("the same answer", as TaskTypeDef.key). Reads odd JSON without failing. */
  key(value: Sql): Sql;
  /** The distinct label names of the jsonb value at `value`, as a sorted text[]. */
  labels(value: Sql): Sql;
  /** True when the jsonb value in `column` uses the label `name`. */
  usesLabel(column: Sql, name: string): Sql;
  /** The value in `column` with the label `from` renamed to `to` (a merge when `to` is already used). */
  relabeled(column: Sql, from: string, to: string): Sql;
};
