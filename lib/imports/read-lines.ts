// Splits a byte stream into lines without decoding it first, so invalid UTF-8 is reported for the
// exact line instead of silently becoming U+FFFD.
import { isUtf8 } from "node:buffer";
import type { ByteCounter } from "@/lib/imports/row-types";

/** `oversized`: the line was longer than maxLineBytes; its bytes were dropped, not buffered. */
export type RawLine = { line: number; bytes: Buffer; validUtf8: boolean; oversized: boolean };

const NEWLINE = 0x0a;
const CR = 0x0d;

export async function* readLines(
  source: AsyncIterable<Buffer | Uint8Array | string>,
  counter: ByteCounter = { bytes: 0 },
  maxLineBytes = 64 * 1024 * 1024,
): AsyncGenerator<RawLine> {
  let carry: Buffer[] = [];
  let carryLen = 0;
  let oversized = false;
  let line = 0;

  const finish = (piece: Buffer): RawLine => {
    line += 1;
    if (oversized) {
      oversized = false;
      carry = [];
      carryLen = 0;
      return { line, bytes: Buffer.alloc(0), validUtf8: true, oversized: true };
    }
    let b = carryLen ? Buffer.concat([...carry, piece]) : piece;
    carry = [];
    carryLen = 0;
    if (b.length && b[b.length - 1] === CR) b = b.subarray(0, b.length - 1);
    if (line === 1 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) b = b.subarray(3); // byte-order mark
    return { line, bytes: b, validUtf8: isUtf8(b), oversized: false };
  };

  for await (const chunk of source) {
    const buf = typeof chunk === "string" ? Buffer.from(chunk) : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    counter.bytes += buf.length;
    let start = 0;
    for (let nl = buf.indexOf(NEWLINE); nl !== -1; nl = buf.indexOf(NEWLINE, start)) {
      const piece = buf.subarray(start, nl);
      start = nl + 1;
      yield finish(piece);
    }
    if (start < buf.length && !oversized) {
      carry.push(Buffer.from(buf.subarray(start))); // copy: the source may reuse its buffer
      carryLen += buf.length - start;
      if (carryLen > maxLineBytes) {
        oversized = true;
        carry = [];
        carryLen = 0;
      }
    }
  }
  if (oversized || carryLen) yield finish(Buffer.alloc(0));
}
