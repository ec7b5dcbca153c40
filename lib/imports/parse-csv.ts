// CSV (or TSV: the same with tabs) with a header row, streamed through csv-parse. Lines are read as bytes first so invalid
// UTF-8 is pinned to its line; csv-parse then handles quoting, embedded newlines and CRLF.
import { parse } from "csv-parse";
import { readLines } from "@/lib/imports/read-lines";
import { excerptOf, type ByteCounter, type ParsedRecord } from "@/lib/imports/row-types";
import type { CsvDelimiter } from "@/lib/imports/schemas";

const WRITE_BATCH_BYTES = 256 * 1024;

type CsvRow = { info: { lines: number }; raw: string; record: string[] };

/** Column names of a header row; blank or repeated names get a suffix so metadata keys stay unique. */
export function normalizeHeader(cells: string[]): string[] {
  const seen = new Map<string, number>();
  return cells.map((cell, i) => {
    const base = cell.trim() || `column_${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}_${n}`;
  });
}

export async function* parseCsv(
  source: AsyncIterable<Buffer | Uint8Array | string>,
  counter: ByteCounter,
  maxLineBytes: number,
  delimiter: CsvDelimiter = ",",
  tooLarge = `line is longer than ${maxLineBytes} bytes`,
): AsyncGenerator<ParsedRecord> {
  const parser = parse({
    delimiter,
    raw: true,
    info: true,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: maxLineBytes,
  });
  const out: ParsedRecord[] = [];
  const badUtf8Lines: number[] = [];
  let header: string[] | null = null;
  let ended = false;
  let failure: Error | null = null;

  parser.on("data", (row: CsvRow) => {
    const end = row.info.lines;
    const internalNewlines = (
      row.raw
        .replace(/^[\r\n]+/, "")
        .replace(/\r?\n$/, "")
        .match(/\n/g) ?? []
    ).length;
    const start = end - internalNewlines;
    while (badUtf8Lines.length && badUtf8Lines[0] < start) badUtf8Lines.shift();
    if (badUtf8Lines.length && badUtf8Lines[0] <= end) {
      out.push({ kind: "bad", line: start, reason: "invalid UTF-8 byte sequence", excerpt: excerptOf(row.raw) });
      if (!header) ended = true; // without a readable header nothing else can be mapped
      return;
    }
    if (!header) {
      header = normalizeHeader(row.record);
      return;
    }
    if (row.record.length !== header.length) {
      out.push({
        kind: "bad",
        line: start,
        reason: `expected ${header.length} fields (as in the header), found ${row.record.length}`,
        excerpt: excerptOf(row.raw.trim()),
      });
      return;
    }
    const fields: Record<string, unknown> = {};
    header.forEach((name, i) => (fields[name] = row.record[i]));
    out.push({ kind: "record", line: start, endLine: end, fields });
  });
  parser.on("skip", (err: Error & { lines?: number }) => {
    out.push({ kind: "bad", line: err.lines ?? 0, reason: `CSV syntax: ${err.message.replace(/ at line \d+.*$/, "")}` });
  });
  parser.on("error", (err) => (failure = err));
  const finished = new Promise<void>((resolve) => parser.on("end", resolve).on("error", () => resolve()));

  const write = (buf: Buffer) => new Promise<void>((resolve) => parser.write(buf, () => setImmediate(resolve)));
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const raw of readLines(source, counter, maxLineBytes)) {
    if (raw.oversized) {
      out.push({ kind: "bad", line: raw.line, reason: tooLarge });
      pending.push(Buffer.from("\n"));
    } else {
      if (!raw.validUtf8) badUtf8Lines.push(raw.line);
      pending.push(raw.bytes, Buffer.from("\n"));
      pendingBytes += raw.bytes.length + 1;
    }
    if (pendingBytes >= WRITE_BATCH_BYTES) {
      await write(Buffer.concat(pending));
      pending = [];
      pendingBytes = 0;
      yield* out.splice(0);
      if (ended || failure) break;
    }
  }
  if (!ended && !failure) {
    if (pending.length) await write(Buffer.concat(pending));
    parser.end();
    await finished;
  }
  yield* out.splice(0);
  if (failure) yield { kind: "bad", line: 0, reason: `CSV could not be read: ${(failure as Error).message}` };
  if (!header && !failure) yield { kind: "bad", line: 1, reason: "the file has no header row" };
}
