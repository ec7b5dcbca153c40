// The order a person sees a pair in: a fixed coin per (item, person), so each reviewer sees about
// half of the pairs with B on the left and human position bias can be measured like the judge's.
// Values are always stored in canonical order; this SQL is the one definition of the coin (the
// review screen's task, and the metrics, read it from here).
import { sql, type Sql } from "@/lib/db/sql";

export const shownSwappedSql = (itemId: Sql, annotatorId: Sql) => sql`((hashtextextended(${itemId}::text || ':' || ${annotatorId}, 41) & 1) = 1)`;
