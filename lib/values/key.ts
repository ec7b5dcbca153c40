// The TypeScript half of "the same answer" (lib/gold/canonical.ts has the SQL twin and says why):
// kept apart from the SQL so the browser bundle (the review screen shows values) can use it.

type AnyValue = { label?: string; labels?: string[]; spans?: { label: string; start: number; end: number }[] } | null | undefined;

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The TypeScript twin of canonicalSql, for the task type the value's shape shows. */
export function valueKey(v: unknown): string {
  const x = v as AnyValue;
  if (Array.isArray(x?.labels)) return [...x.labels].sort(byCodePoint).join("|");
  if (Array.isArray(x?.spans))
    return [...x.spans]
      .sort((a, b) => a.start - b.start || a.end - b.end || byCodePoint(a.label, b.label))
      .map((s) => `${s.start}:${s.end}:${s.label}`)
      .join("|");
  return x?.label ?? "";
}

/** Whether two values are the same answer. */
export const sameValue = (a: unknown, b: unknown) => valueKey(a) === valueKey(b);
