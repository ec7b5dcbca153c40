// The one way to write SQL by hand (convention 12). `sql` is a tagged template: every `${value}`
// becomes a bind parameter, and a `${fragment}` that is itself `sql`…`` is spliced in with its
// own parameters renumbered, so an unparameterised value cannot be written. It is Prisma's own
// template, so the same statement runs through Prisma (`$queryRaw(statement)`) and through the
// driver pool (`SqlSession.query(statement)`, which sends `statement.text` with `$1…$n`).
//
// The only ways to put text into a statement without a parameter are `identifier` (a fixed
// name, quoted) and `trusted` (a constant written in this repository, never a value). ESLint
// forbids Prisma's *Unsafe methods and Prisma.raw everywhere else.
import { Prisma } from "@/lib/generated/prisma/client";

export type Sql = Prisma.Sql;

export const sql = Prisma.sql;
export const empty = Prisma.empty;

/** Joins fragments or values with a separator: `join([a, b], " AND ")`; values become parameters. */
export const join = (items: readonly unknown[], separator = ", "): Sql => Prisma.join(items as unknown[], separator);

/**
 * A constant piece of SQL from this codebase (an ORDER BY clause chosen from a fixed table, a
 * SET option). Never call it with anything that came from a request, a file or the database.
 */
export function trusted(constant: string): Sql {
  return Prisma.raw(constant);
}

/** A table or column name, double-quoted. Only for names written in this codebase. */
export function identifier(name: string): Sql {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`Not an identifier: ${name}`);
  return Prisma.raw(`"${name}"`);
}

/** `a AND b AND c`, or TRUE for none. */
export function and(conditions: Sql[]): Sql {
  return conditions.length ? Prisma.join(conditions, " AND ") : Prisma.sql`TRUE`;
}
