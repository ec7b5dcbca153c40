// A JSON array of objects, streamed: a byte-level scanner finds where each top-level element starts
// and ends (tracking strings and nesting), and only that element is held in memory and parsed.
// Works on bytes, not lines, so a minified one-line array of any size streams too. JSON's
// structural characters are ASCII and never occur inside a multi-byte UTF-8 sequence.
import { isUtf8 } from "node:buffer";
import { excerptOf, type ByteCounter, type ParsedRecord } from "@/lib/imports/row-types";

const enum Ch {
  LF = 0x0a,
  CR = 0x0d,
  SPACE = 0x20,
  TAB = 0x09,
  QUOTE = 0x22,
  BACKSLASH = 0x5c,
  COMMA = 0x2c,
  LBRACE = 0x7b,
  RBRACE = 0x7d,
  LBRACKET = 0x5b,
  RBRACKET = 0x5d,
}

type State = "before-array" | "before-element" | "in-element" | "after-element" | "done";

export async function* parseJsonArray(
  source: AsyncIterable<Buffer | Uint8Array | string>,
  counter: ByteCounter,
  maxElementBytes: number,
  tooLarge = `element is larger than ${maxElementBytes} bytes`,
): AsyncGenerator<ParsedRecord> {
  let state: State = "before-array";
  let line = 1;
  let startLine = 0;
  let parts: Buffer[] = [];
  let size = 0;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let first = true;

  const finishElement = (): ParsedRecord => {
    const bytes = Buffer.concat(parts);
    parts = [];
    const tooBig = size > maxElementBytes;
    size = 0;
    if (tooBig) return { kind: "bad", line: startLine, reason: tooLarge };
    if (!isUtf8(bytes)) return { kind: "bad", line: startLine, reason: "invalid UTF-8 byte sequence", excerpt: excerptOf(bytes.toString("utf8")) };
    const text = bytes.toString("utf8");
    try {
      const value = JSON.parse(text);
      if (!value || typeof value !== "object" || Array.isArray(value)) {
        return { kind: "bad", line: startLine, reason: "expected a JSON object", excerpt: excerptOf(text) };
      }
      return { kind: "record", line: startLine, endLine: line, fields: value };
    } catch (err) {
      return { kind: "bad", line: startLine, reason: `invalid JSON: ${(err as Error).message}`, excerpt: excerptOf(text) };
    }
  };

  for await (const chunk of source) {
    let buf = typeof chunk === "string" ? Buffer.from(chunk) : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    counter.bytes += buf.length;
    if (first) {
      first = false;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
    }
    let segStart = state === "in-element" ? 0 : -1;
    const keep = (end: number) => {
      size += end - segStart;
      if (size <= maxElementBytes) parts.push(Buffer.from(buf.subarray(segStart, end)));
    };
    for (let i = 0; i < buf.length; i++) {
      const c = buf[i];
      if (c === Ch.LF) line++;
      if (state === "in-element") {
        if (inString) {
          if (escaped) escaped = false;
          else if (c === Ch.BACKSLASH) escaped = true;
          else if (c === Ch.QUOTE) inString = false;
        } else if (c === Ch.QUOTE) inString = true;
        else if (c === Ch.LBRACE || c === Ch.LBRACKET) depth++;
        else if (c === Ch.RBRACE || c === Ch.RBRACKET) {
          if (--depth === 0) {
            keep(i + 1);
            segStart = -1;
            state = "after-element";
            yield finishElement();
          }
        }
        continue;
      }
      if (c === Ch.SPACE || c === Ch.TAB || c === Ch.LF || c === Ch.CR) continue;
      if (state === "done") {
        yield { kind: "bad", line, reason: "unexpected content after the closing ]" };
        return;
      }
      if (state === "before-array") {
        if (c !== Ch.LBRACKET) {
          yield { kind: "bad", line, reason: "expected a JSON array ([ ... ]) of objects; for one object per line, use .jsonl" };
          return;
        }
        state = "before-element";
      } else if (c === Ch.RBRACKET) {
        state = "done";
      } else if (c === Ch.COMMA && state === "after-element") {
        state = "before-element";
      } else if ((c === Ch.LBRACE || c === Ch.LBRACKET) && state === "before-element") {
        state = "in-element";
        startLine = line;
        depth = 1;
        inString = false;
        escaped = false;
        segStart = i;
      } else {
        yield { kind: "bad", line, reason: `expected an object in the array, found "${String.fromCharCode(c)}"` };
        return;
      }
    }
    if (state === "in-element") keep(buf.length);
  }
  const finalState = state as State; // TypeScript does not follow the assignments made inside the loop
  if (finalState === "in-element") yield { kind: "bad", line: startLine, reason: "the file ends inside this element (missing } or ])" };
  else if (finalState !== "done") yield { kind: "bad", line, reason: "the file ends before the array is closed with ]" };
}
