// The TypeScript key and its SQL twin must agree, or votes, agreement and the metrics would count
// "the same answer" differently.
import { describe, expect, it } from "vitest";
import { getDatabase } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { canonicalSql, sameValue, valueKey } from "@/lib/gold/canonical";
import type { TaskType } from "@/lib/values/value";

const span = (start: number, end: number, label: string, text = "x") => ({ start, end, label, text });

const CASES: [TaskType, unknown[]][] = [
  ["SINGLE_LABEL", [{ label: "spam" }, { label: "Ham" }, { label: "é" }, { label: "a|b" }]],
  [
    "MULTI_LABEL",
    [{ labels: [] }, { labels: ["b", "a"] }, { labels: ["a", "b"] }, { labels: ["a", "B"] }, { labels: ["é", "e", "Z"] }, { labels: ["x", "x"] }],
  ],
  [
    "SPANS",
    [
      { spans: [] },
      { spans: [span(10, 12, "PER"), span(9, 11, "ORG")] },
      { spans: [span(9, 11, "ORG"), span(10, 12, "PER")] },
      { spans: [span(2, 4, "b"), span(2, 4, "B"), span(2, 3, "a")] },
      { spans: [span(0, 5, "PER", "Alice")] },
      { spans: [span(0, 5, "PER", "other text")] },
    ],
  ],
];

describe("canonical key", () => {
  it("is the same in TypeScript and in SQL for every task type", async () => {
    const database = await getDatabase();
    for (const [taskType, values] of CASES) {
      for (const v of values) {
        const [row] = await database.query<{ k: string }>(sql`SELECT ${canonicalSql(taskType, sql`${JSON.stringify(v)}::jsonb`)} AS k`);
        expect(row.k, `${taskType} ${JSON.stringify(v)}`).toBe(valueKey(v));
      }
    }
  });

  it("ignores label and span order and a span's copied text, and nothing else", () => {
    expect(sameValue({ labels: ["b", "a"] }, { labels: ["a", "b"] })).toBe(true);
    expect(sameValue({ spans: [span(10, 12, "PER"), span(9, 11, "ORG")] }, { spans: [span(9, 11, "ORG"), span(10, 12, "PER")] })).toBe(true);
    expect(sameValue({ spans: [span(0, 5, "PER", "Alice")] }, { spans: [span(0, 5, "PER", "Bob")] })).toBe(true);
    expect(sameValue({ labels: ["a"] }, { labels: ["a", "a"] })).toBe(false);
    expect(sameValue({ label: "a" }, { label: "A" })).toBe(false);
    expect(sameValue({ spans: [span(0, 5, "PER")] }, { spans: [span(0, 6, "PER")] })).toBe(false);
  });
});
