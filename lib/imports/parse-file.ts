// Chooses the streaming parser for an import's format.
import { parseCsv } from "@/lib/imports/parse-csv";
import { parseJsonArray } from "@/lib/imports/parse-json-array";
import { parseJsonl } from "@/lib/imports/parse-jsonl";
import { tooLargeReason, type ByteCounter, type ParsedRecord } from "@/lib/imports/row-types";
import type { CsvDelimiter, ImportFormatName } from "@/lib/imports/schemas";

export function parseFile(
  format: ImportFormatName,
  source: AsyncIterable<Buffer | Uint8Array | string>,
  counter: ByteCounter,
  maxTextChars: number,
  delimiter: CsvDelimiter = ",",
): AsyncGenerator<ParsedRecord> {
  // A row may be a few times its text (escapes, metadata); anything far beyond is an error, not memory growth.
  const maxRowBytes = maxTextChars * 4 + 1024 * 1024;
  const tooLarge = tooLargeReason(maxRowBytes, maxTextChars);
  switch (format) {
    case "CSV":
      return parseCsv(source, counter, maxRowBytes, delimiter, tooLarge);
    case "JSONL":
      return parseJsonl(source, counter, maxRowBytes, tooLarge);
    case "JSON":
      return parseJsonArray(source, counter, maxRowBytes, tooLarge);
    case "ZIP":
      throw new Error("A zip is read by lib/imports/parse-zip.ts, which parses the table inside it");
  }
}
