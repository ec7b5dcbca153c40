import { describe, expect, it } from "vitest";
import { parseFile } from "@/lib/imports/parse-file";
import type { ParsedRecord } from "@/lib/imports/row-types";
import type { ImportFormatName } from "@/lib/imports/schemas";

async function collect(format: ImportFormatName, chunks: (string | Buffer)[]): Promise<ParsedRecord[]> {
  async function* source() {
    for (const c of chunks) yield typeof c === "string" ? Buffer.from(c) : c;
  }
  const out: ParsedRecord[] = [];
  for await (const r of parseFile(format, source(), { bytes: 0 }, 1000)) out.push(r);
  return out;
}
const summary = (rows: ParsedRecord[]) => rows.map((r) => (r.kind === "record" ? `${r.line}:ok:${JSON.stringify(r.fields)}` : `${r.line}:bad:${r.reason}`));

describe("JSONL parser", () => {
  it("yields objects with their line numbers, and bad lines with a reason", async () => {
    const rows = await collect("JSONL", ['{"text":"a"}\n\n{"text":', '"b"}\nnot json\n[1]\n', '{"text":"c"}']);
    expect(summary(rows)).toEqual([
      '1:ok:{"text":"a"}',
      '3:ok:{"text":"b"}',
      expect.stringMatching(/^4:bad:invalid JSON/),
      "5:bad:expected a JSON object",
      '6:ok:{"text":"c"}',
    ]);
  });

  it("reports invalid UTF-8 on its own line and keeps the others", async () => {
    const bad = Buffer.concat([Buffer.from('{"text":"caf'), Buffer.from([0xc3, 0x28]), Buffer.from('"}\n')]);
    const rows = await collect("JSONL", ['{"text":"é"}\r\n', bad, '{"text":"ok"}\n']);
    expect(summary(rows)).toEqual(['1:ok:{"text":"é"}', "2:bad:invalid UTF-8 byte sequence", '3:ok:{"text":"ok"}']);
  });

  it("handles a multi-byte character split across chunks", async () => {
    const all = Buffer.from('{"text":"日本語"}\n');
    const rows = await collect("JSONL", [all.subarray(0, 11), all.subarray(11)]);
    expect(summary(rows)).toEqual(['1:ok:{"text":"日本語"}']);
  });
});

describe("JSON array parser", () => {
  it("streams the elements of a pretty-printed array with their start lines", async () => {
    const rows = await collect("JSON", ['[\n  {"text": "a, [b]"},\n  {\n    "text": "c\\"}"', '\n  },\n  {"text": 1}\n]\n']);
    expect(summary(rows)).toEqual(['2:ok:{"text":"a, [b]"}', '3:ok:{"text":"c\\"}"}', '6:ok:{"text":1}']);
  });

  it("handles a minified one-line array split anywhere", async () => {
    const text = JSON.stringify(Array.from({ length: 50 }, (_, i) => ({ text: `row ${i} {x}` })));
    const chunks = text.match(/.{1,7}/g)!;
    const rows = await collect("JSON", chunks);
    expect(rows).toHaveLength(50);
    expect(rows.every((r) => r.kind === "record")).toBe(true);
  });

  it("rejects a file that is not an array", async () => {
    const rows = await collect("JSON", ['{"text":"a"}']);
    expect(summary(rows)).toEqual([expect.stringMatching(/^1:bad:expected a JSON array/)]);
  });

  it("reports an unterminated array", async () => {
    const rows = await collect("JSON", ['[{"text":"a"},\n{"text":']);
    expect(summary(rows)).toEqual(['1:ok:{"text":"a"}', "2:bad:the file ends inside this element (missing } or ])"]);
  });
});

describe("CSV parser", () => {
  it("maps columns by header, keeps quoted newlines, and reports the start line of each row", async () => {
    const rows = await collect("CSV", ['id,text\r\n1,hello\r\n2,"multi\nline"\r\n', "\r\n3,x\r\n"]);
    expect(summary(rows)).toEqual(['2:ok:{"id":"1","text":"hello"}', '3:ok:{"id":"2","text":"multi\\nline"}', '6:ok:{"id":"3","text":"x"}']);
  });

  it("reports rows with the wrong number of fields, bad quoting and invalid UTF-8", async () => {
    const badUtf8 = Buffer.concat([Buffer.from("4,"), Buffer.from([0xff, 0xfe]), Buffer.from("\n")]);
    const rows = await collect("CSV", ["id,text\n1,a\n2,b,extra\n3\n", badUtf8, '5,ok\n6,"never closed\n']);
    expect(summary(rows)).toEqual([
      '2:ok:{"id":"1","text":"a"}',
      "3:bad:expected 2 fields (as in the header), found 3",
      "4:bad:expected 2 fields (as in the header), found 1",
      "5:bad:invalid UTF-8 byte sequence",
      '6:ok:{"id":"5","text":"ok"}',
      expect.stringMatching(/^7:bad:CSV syntax: Quote Not Closed/),
    ]);
  });

  it("renames blank and repeated header cells", async () => {
    const rows = await collect("CSV", ["text,,text\na,b,c\n"]);
    expect(summary(rows)).toEqual(['2:ok:{"text":"a","column_2":"b","text_2":"c"}']);
  });
});
