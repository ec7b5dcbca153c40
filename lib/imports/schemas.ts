import { z } from "zod";

export const IMPORT_FORMATS = ["CSV", "JSONL", "JSON"] as const;
export type ImportFormatName = (typeof IMPORT_FORMATS)[number];
/** What people choose: TSV is CSV with tabs. */
export const UPLOAD_FORMATS = ["CSV", "TSV", "JSONL", "JSON"] as const;
export type UploadFormat = (typeof UPLOAD_FORMATS)[number];

/** Where the item text and id come from: a CSV column or a JSON key; and the CSV delimiter. */
export const importOptionsSchema = z.object({
  textField: z.string().trim().min(1, "Choose the text column").max(200).default("text"),
  // Empty: ids are derived from the content, so re-importing the same file still adds nothing.
  idField: z.string().trim().max(200).default(""),
  delimiter: z.enum([",", "\t"]).default(","),
});
export type ImportOptions = z.infer<typeof importOptionsSchema>;

export function formatFromFileName(name: string): UploadFormat | null {
  const lower = name.toLowerCase();
  if (lower.endsWith(".csv")) return "CSV";
  if (lower.endsWith(".tsv") || lower.endsWith(".tab")) return "TSV";
  if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) return "JSONL";
  if (lower.endsWith(".json")) return "JSON";
  return null;
}

/** The stored format and CSV delimiter of an upload format. */
export function storedFormat(format: UploadFormat): { format: ImportFormatName; delimiter: "," | "\t" } {
  return format === "TSV" ? { format: "CSV", delimiter: "\t" } : { format, delimiter: "," };
}
