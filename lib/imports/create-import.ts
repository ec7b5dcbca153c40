// Accepts an upload: streams it to disk, records the import, and queues the job that parses it.
import fs from "node:fs";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError, fieldErrorsFrom } from "@/lib/errors";
import { requireProjectRole } from "@/lib/auth/project-role";
import { IMPORT_FORMATS, formatFromFileName, importOptionsSchema, type ImportFormatName } from "@/lib/imports/schemas";
import { removeUpload, saveUpload, uploadPath } from "@/lib/imports/storage";
import { enqueueImport } from "@/lib/jobs/queues";
import { z } from "zod";

const uploadMetaSchema = z.object({
  fileName: z.string().trim().min(1).max(255).default("upload"),
  format: z.enum(IMPORT_FORMATS).optional(),
});

export async function createImport(args: {
  userId: string;
  projectId: string;
  body: ReadableStream<Uint8Array> | NodeJS.ReadableStream | null;
  meta: { fileName?: string; format?: string; textField?: string; idField?: string };
  /** Content-Length when the client sent one: lets an oversized upload fail before any byte is stored. */
  declaredBytes?: number;
}) {
  await requireProjectRole(args.userId, args.projectId, "LEAD");
  const meta = uploadMetaSchema.safeParse({ fileName: args.meta.fileName || undefined, format: args.meta.format || undefined });
  const options = importOptionsSchema.safeParse({ textField: args.meta.textField || undefined, idField: args.meta.idField ?? "" });
  if (!meta.success || !options.success) {
    const issues = [...(meta.error?.issues ?? []), ...(options.error?.issues ?? [])];
    throw new AppError("VALIDATION", "Check the import settings.", fieldErrorsFrom(issues));
  }
  const format: ImportFormatName | null = meta.data.format ?? formatFromFileName(meta.data.fileName);
  if (!format) throw new AppError("VALIDATION", "Unknown file type: use .csv, .jsonl or .json, or choose the format.", { format: "Choose a format" });
  if (!args.body) throw new AppError("BAD_REQUEST", "The request has no file.");
  const { maxFileBytes } = env().import;
  if (args.declaredBytes && args.declaredBytes > maxFileBytes) {
    throw new AppError("PAYLOAD_TOO_LARGE", `The file is ${args.declaredBytes} bytes; the import limit is ${maxFileBytes} bytes.`);
  }

  const db = await getDb();
  const imp = await db.import.create({
    data: {
      projectId: args.projectId,
      createdById: args.userId,
      format,
      fileName: meta.data.fileName,
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
    await db.import.update({ where: { id: imp.id }, data: { fileBytes: bytes, storagePath: dest, status: "QUEUED", error: null } });
  } catch (err) {
    removeUpload(dest);
    // The import row stays as FAILED with the reason, so the history shows what happened.
    await db.import.update({ where: { id: imp.id }, data: { error: err instanceof AppError ? err.message : "The upload was interrupted." } });
    throw err;
  }
  await enqueueImport(imp.id);
  return { id: imp.id, format };
}

/** For scripts and the demo: import a file already on disk (it is copied, the original is kept). */
export async function createImportFromFile(args: { userId: string; projectId: string; path: string; fileName?: string; textField: string; idField?: string }) {
  return createImport({
    userId: args.userId,
    projectId: args.projectId,
    body: fs.createReadStream(args.path),
    meta: { fileName: args.fileName ?? args.path.split("/").pop(), textField: args.textField, idField: args.idField ?? "" },
  });
}
