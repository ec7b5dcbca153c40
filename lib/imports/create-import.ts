// Accepts an upload: streams it to disk, records the import, and queues the job that parses it.
import fs from "node:fs";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError, fieldErrorsFrom } from "@/lib/errors";
import type { ProjectAccess } from "@/lib/auth/access";
import { DELIMITER_NAMES, LABEL_MODES, UPLOAD_FORMATS, formatFromFileName, importOptionsSchema, storedFormat } from "@/lib/imports/schemas";
import { removeUpload, saveUpload, uploadPath } from "@/lib/imports/storage";
import { enqueue } from "@/lib/jobs/define";
import { importQueue } from "@/lib/imports/job-queues";
import { taskTypeDef } from "@/lib/task-types";

export const uploadQuerySchema = z.object({
  fileName: z.string().trim().min(1).max(255).optional(),
  format: z
    .string()
    .transform((f) => f.toUpperCase())
    .pipe(z.enum(UPLOAD_FORMATS, "Use CSV, TSV, JSONL, JSON, LABEL_STUDIO or ZIP"))
    .optional(),
  textField: z.string().max(200).optional(),
  idField: z.string().max(200).optional(),
  delimiter: z
    .enum(Object.keys(DELIMITER_NAMES) as [string, ...string[]], "Use comma, semicolon, tab or pipe")
    .optional()
    .describe("CSV: the delimiter, as the preview detected it (default: comma; tab for TSV)."),
  // Label columns (lib/imports/label-values.ts): existing labels, as REFERENCE or GOLD, and another model's predictions.
  labelField: z.string().max(200).optional(),
  labelMode: z.enum(LABEL_MODES, "Use REFERENCE or GOLD").optional(),
  predictionField: z.string().max(200).optional(),
  predictionSource: z.string().max(80, "At most 80 characters").optional(),
  predictionScoreField: z.string().max(200).optional(),
  unknownLabels: z
    .enum(["SKIP", "ADD"], "Use SKIP or ADD")
    .optional()
    .describe(
      "Label Studio: labels the file has and the project lacks. SKIP (default): the task comes in without that annotation or prediction, each reported; ADD: the labels are added to the project.",
    ),
  // Pairwise projects: the prompt's column (textField by another name) and the responses' columns.
  promptField: z.string().max(200).optional().describe("Pairwise projects: the prompt's column (default prompt)."),
  aField: z.string().max(200).optional().describe("Pairwise projects: response A's column (default response_a)."),
  bField: z.string().max(200).optional().describe("Pairwise projects: response B's column (default response_b)."),
  aModelField: z.string().max(200).optional().describe("Pairwise projects: the column naming the model that wrote A (optional; the leaderboard ranks models)."),
  bModelField: z.string().max(200).optional().describe("Pairwise projects: the column naming the model that wrote B (optional)."),
  imageField: z
    .string()
    .max(200)
    .optional()
    .describe("Image projects (a .zip): the table's column naming each row's file in the zip (default: image, file, path or file_name)."),
});
export type UploadMeta = z.infer<typeof uploadQuerySchema>;

/** The responses' columns: required names for a pairwise project (response_a, response_b unless named), refused for any other. */
function pairFields(taskType: string, meta: UploadMeta) {
  const named = meta.aField || meta.bField || meta.aModelField || meta.bModelField;
  if (taskTypeDef(taskType).content !== "pair") {
    if (named) throw new AppError("VALIDATION", "Response columns are for pairwise projects only.", { aField: "Only for pairwise projects" });
    return {};
  }
  return { aField: meta.aField || "response_a", bField: meta.bField || "response_b", aModelField: meta.aModelField ?? "", bModelField: meta.bModelField ?? "" };
}

/** A zip starts with a local file header (PK\x03\x04), or is an empty archive (PK\x05\x06). */
function isZip(file: string): boolean {
  const head = Buffer.alloc(4);
  const fd = fs.openSync(file, "r");
  try {
    fs.readSync(fd, head, 0, 4, 0);
  } finally {
    fs.closeSync(fd);
  }
  return head.equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) || head.equals(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
}

export async function createImport(
  access: ProjectAccess,
  args: {
    body: ReadableStream<Uint8Array> | NodeJS.ReadableStream | null;
    meta: UploadMeta;
    /** Content-Length when the client sent one: lets an oversized upload fail before any byte is stored. */
    declaredBytes?: number;
  },
) {
  const fileName = args.meta.fileName || "upload";
  const uploadFormat = args.meta.format ?? formatFromFileName(fileName);
  if (!uploadFormat)
    throw new AppError("VALIDATION", "Unknown file type: use .csv, .tsv, .jsonl, .json or (image projects) .zip, or choose the format.", {
      format: "Choose a format",
    });
  const stored = storedFormat(uploadFormat);
  const { format, layout } = stored;
  const delimiter = args.meta.delimiter && format === "CSV" ? DELIMITER_NAMES[args.meta.delimiter] : stored.delimiter;
  const type = taskTypeDef(access.project.taskType);
  // Pictures come in a zip (with or without a table naming them); a zip is only ever pictures.
  if ((type.content === "image") !== (format === "ZIP")) {
    throw new AppError(
      "VALIDATION",
      type.content === "image"
        ? "Image projects import a .zip of images (PNG, JPEG, WebP or GIF), optionally with one CSV or JSONL naming each row's image."
        : "A .zip of images is for image projects; this project imports CSV, TSV, JSONL or JSON.",
      { format: type.content === "image" ? "Upload a .zip" : "Not for this project" },
    );
  }
  if (layout === "LABEL_STUDIO" && !type.capabilities.labelStudio) {
    throw new AppError(
      "VALIDATION",
      "Pairwise projects import pairs from CSV, TSV, JSONL or JSON with prompt and response columns; Label Studio tasks are not read as pairs.",
      { format: "Not for pairwise projects" },
    );
  }
  const { textField, idField, labelField, labelMode, predictionField, predictionSource, predictionScoreField, unknownLabels, imageField } = args.meta;
  const options = importOptionsSchema.safeParse({
    textField: args.meta.promptField || textField || (type.content === "pair" ? "prompt" : undefined),
    ...pairFields(access.project.taskType, args.meta),
    idField: idField ?? "",
    delimiter,
    layout,
    labelField: labelField ?? "",
    labelMode,
    unknownLabels,
    predictionField: predictionField ?? "",
    predictionSource: predictionSource ?? "",
    predictionScoreField: predictionScoreField ?? "",
    imageField: imageField ?? "",
  });
  if (!options.success) throw new AppError("VALIDATION", "Check the import settings.", fieldErrorsFrom(options.error.issues));
  if (!args.body) throw new AppError("BAD_REQUEST", "The request has no file.");
  const { maxFileBytes } = env().import;
  if (args.declaredBytes && args.declaredBytes > maxFileBytes) {
    throw new AppError("PAYLOAD_TOO_LARGE", `The file is ${args.declaredBytes} bytes; the import limit is ${maxFileBytes} bytes.`);
  }

  const db = await getDb();
  const imp = await db.import.create({
    data: {
      projectId: access.projectId,
      createdById: access.userId,
      format,
      fileName,
      fileBytes: 0,
      storagePath: "",
      options: options.data,
      status: "FAILED", // becomes QUEUED once the whole file is stored
      error: "Upload did not finish.",
    },
  });
  const dest = uploadPath(imp.id);
  try {
    const bytes = await saveUpload(args.body, dest, maxFileBytes);
    if (bytes === 0) throw new AppError("VALIDATION", "The file is empty.");
    if (format === "ZIP" && !isZip(dest)) throw new AppError("VALIDATION", "This file is not a zip: upload a .zip of images.", { format: "Not a zip" });
    await db.import.update({ where: { id: imp.id }, data: { fileBytes: bytes, storagePath: dest, status: "QUEUED", error: null } });
  } catch (err) {
    removeUpload(dest);
    // The import row stays as FAILED with the reason, so the history shows what happened.
    await db.import.update({ where: { id: imp.id }, data: { error: err instanceof AppError ? err.message : "The upload was interrupted." } });
    throw err;
  }
  await enqueue(importQueue, { importId: imp.id, projectId: access.projectId });
  return { id: imp.id, format: uploadFormat };
}

/** For scripts and the demo: import a file already on disk (it is copied, the original is kept). */
export async function createImportFromFile(access: ProjectAccess, args: { path: string; fileName?: string } & UploadMeta) {
  const { path: file, ...meta } = args;
  return createImport(access, {
    body: fs.createReadStream(file),
    meta: { ...meta, fileName: args.fileName ?? file.split("/").pop(), idField: args.idField ?? "" },
  });
}
