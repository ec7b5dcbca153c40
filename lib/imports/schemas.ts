import { z } from "zod";

export const IMPORT_FORMATS = ["CSV", "JSONL", "JSON", "ZIP"] as const;
export type ImportFormatName = (typeof IMPORT_FORMATS)[number];
/** What people choose: TSV is CSV with tabs; LABEL_STUDIO is a Label Studio JSON export; ZIP, images (image projects). */
export const UPLOAD_FORMATS = ["CSV", "TSV", "JSONL", "JSON", "LABEL_STUDIO", "ZIP"] as const;
export type UploadFormat = (typeof UPLOAD_FORMATS)[number];

export const IMPORT_LAYOUTS = ["TABLE", "LABEL_STUDIO"] as const;
/** The delimiters a CSV file may use: comma, semicolon (spreadsheets in many locales), tab, pipe. */
export const CSV_DELIMITERS = [",", ";", "\t", "|"] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];
/** Their names, as a URL or a form carries them. */
export const DELIMITER_NAMES: Record<string, CsvDelimiter> = { comma: ",", semicolon: ";", tab: "\t", pipe: "|" };
export const LABEL_MODES = ["REFERENCE", "GOLD"] as const;
/** The source name when a Label Studio prediction names no model_version and the import names none. */
export const DEFAULT_PREDICTION_SOURCE = "imported model";

/** Where the item text and id come from: a CSV column or a JSON key; and the CSV delimiter. */
export const importOptionsSchema = z.object({
  textField: z.string().trim().min(1, "Choose the text column").max(200).default("text"),
  // Empty: ids are derived from the content, so re-importing the same file still adds nothing.
  idField: z.string().trim().max(200).default(""),
  delimiter: z.enum(CSV_DELIMITERS).default(","),
  // TABLE: one item per row or object. LABEL_STUDIO: a Label Studio JSON export (tasks with data,
  // annotations and predictions): the annotations are the label column, the predictions the model's.
  layout: z.enum(IMPORT_LAYOUTS).default("TABLE"),
  // Labels the team already has (lib/imports/label-values.ts): empty for none. GOLD makes them gold
  // (source IMPORTED) where no person has reviewed the item; REFERENCE keeps them beside the item,
  // to measure people and the model against.
  labelField: z.string().trim().max(200).default(""),
  labelMode: z.enum(LABEL_MODES).default("REFERENCE"),
  // Label Studio: labels the file uses that the project lacks. SKIP: the task comes in without that
  // annotation or prediction (each reported); ADD: the labels are added to the project.
  unknownLabels: z.enum(["SKIP", "ADD"]).default("SKIP"),
  // Another model's predictions: stored as suggestions of a version named after the source.
  predictionField: z.string().trim().max(200).default(""),
  predictionSource: z.string().trim().max(80, "At most 80 characters").default(""),
  // Optional: the predictions' confidence (a number from 0 to 1).
  predictionScoreField: z.string().trim().max(200).default(""),
  // Pairwise projects: the two responses' columns (required) and the models that wrote them
  // (optional, for the leaderboard); textField is then the prompt's column.
  aField: z.string().trim().max(200).default(""),
  bField: z.string().trim().max(200).default(""),
  aModelField: z.string().trim().max(200).default(""),
  bModelField: z.string().trim().max(200).default(""),
  // Image projects (a zip): the table's column naming each row's file inside the zip (default: the
  // first of image, file, path, file_name that the row has).
  imageField: z.string().trim().max(200).default(""),
});
export type ImportOptions = z.infer<typeof importOptionsSchema>;

export function formatFromFileName(name: string): UploadFormat | null {
  const lower = name.toLowerCase();
  if (lower.endsWith(".csv")) return "CSV";
  if (lower.endsWith(".tsv") || lower.endsWith(".tab")) return "TSV";
  if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) return "JSONL";
  if (lower.endsWith(".json")) return "JSON";
  if (lower.endsWith(".zip")) return "ZIP";
  return null;
}

/** The stored format, CSV delimiter and layout of an upload format. */
export function storedFormat(format: UploadFormat): { format: ImportFormatName; delimiter: CsvDelimiter; layout: (typeof IMPORT_LAYOUTS)[number] } {
  if (format === "TSV") return { format: "CSV", delimiter: "\t", layout: "TABLE" };
  if (format === "LABEL_STUDIO") return { format: "JSON", delimiter: ",", layout: "LABEL_STUDIO" };
  return { format, delimiter: ",", layout: "TABLE" };
}
