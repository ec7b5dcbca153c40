import { describe, expect, it } from "vitest";
import { contentId, normalizeRow } from "@/lib/imports/normalize-row";
import { importOptionsSchema } from "@/lib/imports/schemas";

const opts = importOptionsSchema.parse({ textField: "text", idField: "id" });

describe("normalizeRow", () => {
  it("splits text, id and metadata", () => {
    expect(normalizeRow(3, { id: 7, text: "hi", lang: "en" }, opts, 100)).toEqual({
      ok: { line: 3, externalId: "7", text: "hi", metadata: { lang: "en" }, metadataJson: '{"lang":"en"}' },
    });
  });

  it.each([
    [{ id: 1 }, /missing text/],
    [{ id: 1, text: "  " }, /missing text: "text" is empty/],
    [{ id: 1, text: 5 }, /must be a string, got number/],
    [{ id: 1, text: "x".repeat(101) }, /101 characters; the limit is 100/],
    [{ id: 1, text: "a\u0000b" }, /NUL/],
    [{ text: "a" }, /missing id/],
    [{ id: { a: 1 }, text: "a" }, /must be a string or a number/],
  ])("rejects %j", (fields, reason) => {
    const r = normalizeRow(9, fields as Record<string, unknown>, opts, 100);
    expect("bad" in r && r.bad.reason).toMatch(reason);
    expect("bad" in r && r.bad.line).toBe(9);
  });

  it("derives a stable id from the content when there is no id column", () => {
    const a = normalizeRow(1, { text: "same", k: 1 }, importOptionsSchema.parse({ textField: "text", idField: "" }), 100);
    const b = normalizeRow(8, { text: "same", k: 1 }, importOptionsSchema.parse({ textField: "text", idField: "" }), 100);
    expect("ok" in a && a.ok.externalId).toBe(contentId("same", '{"k":1}'));
    expect("ok" in a && "ok" in b && a.ok.externalId === b.ok.externalId).toBe(true);
  });
});
