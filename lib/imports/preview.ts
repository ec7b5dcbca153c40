// What an import will read, before it reads it: the first rows of the file as the server's own
// parser reads them (the same code the import job runs, never a second parser in the browser), with
// the detected delimiter, the columns, and which column is the text and which the id. A column is
// taken as the text only when it clearly is (its name says so, or its values are far longer than
// any other's); a column of short unique tokens (ids) is never proposed as the text, and when no
// column is clearly the text the lead must choose.
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { parseFile } from "@/lib/imports/parse-file";
import type { ParsedRecord } from "@/lib/imports/row-types";
import { CSV_DELIMITERS, storedFormat, type CsvDelimiter, type UploadFormat } from "@/lib/imports/schemas";

/** How much of the file a preview reads. */
export const PREVIEW_BYTES = 64 * 1024;
const PREVIEW_ROWS = 5;

const TEXT_NAMES = ["text", "content", "body", "message", "sentence", "review", "comment", "description", "document", "utterance"];
const PROMPT_NAMES = ["prompt", "question", "instruction", "input", "text"];
const ID_NAMES = ["id", "uid", "uuid", "external_id", "externalid", "key"];

export type PreviewColumn = { name: string; meanLength: number; idLike: boolean };
export type ImportPreview = {
  format: UploadFormat;
  /** CSV and TSV: the delimiter the rows were split on (detected unless given). */
  delimiter: CsvDelimiter | null;
  columns: PreviewColumn[];
  rows: { line: number; fields: Record<string, string> }[];
  bad: { line: number; reason: string }[];
  /** The text column when one clearly is, else null: the lead must choose. */
  text: string | null;
  id: string | null;
  /** The sample ended inside the file: the preview shows its first rows only. */
  partial: boolean;
};

/** The sample cut after its last complete line, so a half row is not previewed as bad. */
function wholeLines(sample: Buffer, partial: boolean): Buffer {
  if (!partial) return sample;
  const end = sample.lastIndexOf(0x0a);
  return end > 0 ? sample.subarray(0, end + 1) : sample;
}

async function records(format: UploadFormat, sample: Buffer, delimiter: CsvDelimiter, max: number): Promise<ParsedRecord[]> {
  const out: ParsedRecord[] = [];
  const stored = storedFormat(format);
  // A JSON array's sample is cut mid-array: the elements before the cut still parse one by one.
  const source = (async function* () {
    yield sample;
  })();
  for await (const r of parseFile(stored.format, source, { bytes: 0 }, env().import.maxTextChars, delimiter)) {
    out.push(r);
    if (out.length >= max) break;
  }
  return out;
}

/** For CSV: the delimiter that splits the header into the most columns with the rows agreeing with it. */
async function detectDelimiter(sample: Buffer): Promise<CsvDelimiter> {
  let best: { d: CsvDelimiter; score: number } = { d: ",", score: -1 };
  for (const d of CSV_DELIMITERS) {
    const rs = await records("CSV", sample, d, 20);
    const good = rs.filter((r) => r.kind === "record") as Extract<ParsedRecord, { kind: "record" }>[];
    const columns = good.length ? Object.keys(good[0].fields).length : 0;
    if (columns < 2) continue;
    // Rows split into as many cells as the header, by this delimiter: the file's own.
    const score = good.length / Math.max(1, rs.length) + Math.min(columns, 50) / 1000;
    if (score > best.score) best = { d, score };
  }
  return best.d;
}

const asText = (v: unknown) => (v === null || v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v));

function describeColumns(rows: { fields: Record<string, string> }[]): PreviewColumn[] {
  const names = [...new Set(rows.flatMap((r) => Object.keys(r.fields)))];
  return names.map((name) => {
    const values = rows.map((r) => r.fields[name] ?? "");
    const meanLength = values.reduce((s, v) => s + v.length, 0) / Math.max(1, values.length);
    // Short, space-free and all different: an identifier, whatever the column is called.
    const idLike = values.length > 0 && new Set(values).size === values.length && values.every((v) => v.length > 0 && v.length <= 40 && !/\s/.test(v));
    return { name, meanLength, idLike };
  });
}

/** The column that is clearly the text: named so, or far longer than the others (never an id-like one); else null. */
export function guessTextColumn(columns: PreviewColumn[], pairwise: boolean): string | null {
  const byName = columns.find((c) => (pairwise ? PROMPT_NAMES : TEXT_NAMES).includes(c.name.toLowerCase()));
  if (byName) return byName.name;
  const candidates = columns.filter((c) => !c.idLike).sort((a, b) => b.meanLength - a.meanLength);
  const [first, second] = candidates;
  if (!first || first.meanLength < 15) return null;
  return !second || first.meanLength >= 2 * second.meanLength ? first.name : null;
}

export async function previewImport(
  sample: Buffer,
  opts: { format: UploadFormat; delimiter?: CsvDelimiter; partial: boolean; pairwise: boolean },
): Promise<ImportPreview> {
  const body = wholeLines(sample, opts.partial);
  const csv = opts.format === "CSV" || opts.format === "TSV";
  const delimiter = csv ? (opts.delimiter ?? (opts.format === "TSV" ? "\t" : await detectDelimiter(body))) : null;
  const parsed = await records(opts.format, body, delimiter ?? ",", PREVIEW_ROWS * 4);
  const good = parsed
    .filter((r): r is Extract<ParsedRecord, { kind: "record" }> => r.kind === "record")
    // A Label Studio task's fields are in its data object.
    .map((r) =>
      opts.format === "LABEL_STUDIO" && r.fields.data && typeof r.fields.data === "object" ? { ...r, fields: r.fields.data as Record<string, unknown> } : r,
    );
  if (!good.length && !parsed.length)
    throw new AppError("VALIDATION", "Nothing in the start of this file reads as rows: check the format.", { format: "Check the format" });
  const rows = good.slice(0, PREVIEW_ROWS).map((r) => ({ line: r.line, fields: Object.fromEntries(Object.entries(r.fields).map(([k, v]) => [k, asText(v)])) }));
  const columns = describeColumns(good.map((r) => ({ fields: Object.fromEntries(Object.entries(r.fields).map(([k, v]) => [k, asText(v)])) })));
  const bad = parsed
    .filter((r): r is Extract<ParsedRecord, { kind: "bad" }> => r.kind === "bad")
    .slice(0, PREVIEW_ROWS)
    .map((r) => ({ line: r.line, reason: r.reason }));
  const text = guessTextColumn(columns, opts.pairwise);
  // The id: a column named so, else the first that looks like ids.
  const id = (columns.find((c) => ID_NAMES.includes(c.name.toLowerCase())) ?? columns.find((c) => c.idLike && c.name !== text))?.name ?? null;
  return { format: opts.format, delimiter, columns, rows, bad, text, id, partial: opts.partial };
}
