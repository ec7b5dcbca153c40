// The import preview reads a file's start with the import's own parser: the delimiter it detects,
// the columns, which one is the text (only when clear), and ids never taken for text.
import { describe, expect, it } from "vitest";
import { guessTextColumn, previewImport } from "@/lib/imports/preview";

const csv = (rows: string[][], d: string) => Buffer.from(rows.map((r) => r.join(d)).join("\n") + "\n");
const messages = Array.from({ length: 8 }, (_, i) => [`T-100${i}x`, `The app crashes when I open the settings page number ${i}`, i % 2 ? "web" : "app"]);

describe("import preview", () => {
  it("detects a semicolon, a tab and a pipe, and reads the rows with it", async () => {
    for (const [d, name] of [
      [";", ";"],
      ["\t", "\t"],
      ["|", "|"],
      [",", ","],
    ] as const) {
      const p = await previewImport(csv([["ticket", "message", "channel"], ...messages], d), { format: "CSV", partial: false, pairwise: false });
      expect([name, p.delimiter]).toEqual([name, d]);
      expect(p.columns.map((c) => c.name)).toEqual(["ticket", "message", "channel"]);
      expect(p.rows[0]).toEqual({ line: 2, fields: { ticket: "T-1000x", message: messages[0][1], channel: "app" } });
      expect(p.text).toBe("message");
    }
  });

  it("never takes a column of short unique tokens for the text, and asks when no column clearly is", async () => {
    // No column is named like text: the long one is the text, the ids are recognised as ids.
    const p = await previewImport(csv([["ref", "body_of_ticket", "channel"], ...messages], ","), { format: "CSV", partial: false, pairwise: false });
    expect(p.columns.find((c) => c.name === "ref")).toMatchObject({ idLike: true });
    expect(p.text).toBe("body_of_ticket");
    // Only ids and short words: nothing is clearly the text.
    const unclear = await previewImport(csv([["ref", "channel"], ...messages.map((m) => [m[0], m[2]])], ","), {
      format: "CSV",
      partial: false,
      pairwise: false,
    });
    expect(unclear.text).toBeNull();
    expect(
      guessTextColumn(
        [
          { name: "a", meanLength: 30, idLike: false },
          { name: "b", meanLength: 25, idLike: false },
        ],
        false,
      ),
    ).toBeNull(); // two long columns: ask
  });

  it("reads JSONL and the start of a longer file without showing the cut line as bad", async () => {
    const lines = Array.from({ length: 6 }, (_, i) => JSON.stringify({ id: `r${i}`, text: `Review number ${i} is a sentence` }));
    const body = Buffer.from(lines.join("\n") + '\n{"id": "r6", "te');
    const p = await previewImport(body, { format: "JSONL", partial: true, pairwise: false });
    expect(p.rows).toHaveLength(5);
    expect(p.bad).toEqual([]);
    expect([p.text, p.id]).toEqual(["text", "id"]);
  });

  it("says so when nothing reads as rows", async () => {
    await expect(previewImport(Buffer.from(""), { format: "JSONL", partial: false, pairwise: false })).rejects.toThrow(
      /Nothing in the start of this file reads as rows/,
    );
  });
});
