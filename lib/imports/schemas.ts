import { z } from "zod";

export const IMPORT_FORMATS = ["CSV", "JSONL", "JSON"] as const;
export type ImportFormatName = (typeof IMPORT_FORMATS)[number];

/** Where the item text and id come from: a CSV column or a JSON key. */
export const importOptionsSchema = z.object({
  textField: z.string().trim().min(1, "Choose the text column").max(200).default("text"),
  // Empty: ids are derived from the content, so re-importing the same file still adds nothing.
  idField: z.string().trim().max(200).default(""),
});
export type ImportOptions = z.infer<typeof importOptionsSchema>;

export function formatFromFileName(name: string): ImportFormatName | null {
  const lower = name.toLowerCase();
  if (lower.endsWith(".csv") || lower.endsWith(".tsv")) return "CSV";
  if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) return "JSONL";
  if (lower.endsWith(".json")) return "JSON";
  return null;
}
