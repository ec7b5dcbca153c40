// JSON Lines: one object per line; blank lines are ignored.
import { readLines } from "@/lib/imports/read-lines";
import { excerptOf, type ByteCounter, type ParsedRecord } from "@/lib/imports/row-types";

export async function* parseJsonl(
  source: AsyncIterable<Buffer | Uint8Array | string>,
  counter: ByteCounter,
  maxLineBytes: number,
  tooLarge = `line is longer than ${maxLineBytes} bytes`,
): AsyncGenerator<ParsedRecord> {
  for await (const raw of readLines(source, counter, maxLineBytes)) {
    const { line } = raw;
    if (raw.oversized) {
      yield { kind: "bad", line, reason: tooLarge };
      continue;
    }
    if (!raw.validUtf8) {
      yield { kind: "bad", line, reason: "invalid UTF-8 byte sequence", excerpt: excerptOf(raw.bytes.toString("utf8")) };
      continue;
    }
    const text = raw.bytes.toString("utf8");
    if (!text.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      yield { kind: "bad", line, reason: `invalid JSON: ${(err as Error).message}`, excerpt: excerptOf(text) };
      continue;
    }
    if (!value || typeof value !== "object" || Array.isArray(value)) {
      yield { kind: "bad", line, reason: "expected a JSON object", excerpt: excerptOf(text) };
      continue;
    }
    yield { kind: "record", line, endLine: line, fields: value as Record<string, unknown> };
  }
}
