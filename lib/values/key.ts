// "The same answer" for values whose project is not at hand (votes, accepted or corrected): each
// task type's canonical key (lib/task-types), chosen by the value's shape. Its SQL twin is each
// type's sql.ts; lib/task-types/contract.test.ts checks they agree. A value of no type's shape is
// an error: two odd values must never count as the same answer.
import { keyOf } from "@/lib/task-types";

/** The canonical key of a value, by its shape. */
export const valueKey = (v: unknown): string => keyOf(v);

/** Whether two values are the same answer. */
export const sameValue = (a: unknown, b: unknown) => valueKey(a) === valueKey(b);
