// Creating, listing and downloading exports; leads only, scoped to their project.
import fs from "node:fs";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ProjectAccess } from "@/lib/auth/access";
import { enqueue } from "@/lib/jobs/define";
import { exportQueue } from "@/lib/exports/job-queues";
import { FINETUNE_FORMATS, FORMAT_INFO, type ExportOptions } from "@/lib/exports/options";
import { env } from "@/lib/env";
import { cancelLeasedRow } from "@/lib/jobs/cancel";
import { datasheetPath, exportPath, provenancePath } from "@/lib/exports/run-export";
import { namesFromConfig } from "@/lib/exports/label-studio";
import { taskTypeDef } from "@/lib/task-types";

export async function createExport(access: ProjectAccess, input: ExportOptions) {
  const { format, ...options } = input;
  const db = await getDb();
  const { capabilities } = taskTypeDef(access.project.taskType);
  if ((format === "LABEL_STUDIO" && !capabilities.labelStudio) || ((format === "FINETUNE_CHAT" || format === "FINETUNE_CLAUDE") && !capabilities.fineTune)) {
    // Label Studio's task would lose the two responses; a fine-tuning chat has no answer to teach for a pair.
    throw new AppError("VALIDATION", "Pairwise projects export as preference pairs (DPO), JSONL, CSV or a Hugging Face folder.", {
      format: "Not for pairwise projects",
    });
  }
  if (options.labelStudioConfig && !namesFromConfig(options.labelStudioConfig)) {
    const field = { labelStudioConfig: 'No <Choices> or <Labels> tag whose toName is a <Text> tag with value="$..."' };
    throw new AppError(
      "VALIDATION",
      "The labeling config has no <Choices> or <Labels> tag pointing at a <Text> tag: the regions could not be named after it.",
      field,
    );
  }
  if (
    options.promptVersionId &&
    !(await db.promptVersion.findFirst({ where: { id: options.promptVersionId, projectId: access.projectId }, select: { id: true } }))
  ) {
    throw new AppError("VALIDATION", "Unknown prompt version.", { promptVersionId: "Not a prompt version of this project" });
  }
  const slug =
    access.project.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "project";
  const created = await db.export.create({
    data: {
      projectId: access.projectId,
      createdById: access.userId,
      format,
      options,
      fileName: `${slug}-${format.toLowerCase().replaceAll("_", "-")}.${FORMAT_INFO[format].extension}`,
    },
  });
  await enqueue(exportQueue, { exportId: created.id, projectId: access.projectId });
  return created;
}

/** When a finished export's file is deleted (JOB_RETENTION_DAYS after it finished). */
export const fileExpiresAt = (finishedAt: Date) => new Date(finishedAt.getTime() + env().jobs.retentionDays * 24 * 3600 * 1000);

export async function listExports(access: ProjectAccess) {
  const db = await getDb();
  const rows = await db.export.findMany({
    where: { projectId: access.projectId },
    orderBy: { createdAt: "desc" },
    take: 50,
    omit: { storagePath: true, runnerToken: true },
  });
  return rows.map(({ bytes, ...e }) => ({
    ...e,
    bytes: bytes === null ? null : Number(bytes),
    expiresAt: e.status === "DONE" && e.finishedAt && !e.fileDeletedAt ? fileExpiresAt(e.finishedAt) : null,
  }));
}

/** Stops a waiting or running export; its half-written file is deleted. */
export async function cancelExport(access: ProjectAccess, exportId: string) {
  await cancelLeasedRow("Export", exportId, access.projectId, "Export");
  fs.rmSync(`${exportPath(exportId)}.partial`, { force: true });
}

/** Starts a failed or cancelled export again, from scratch. */
export async function retryExport(access: ProjectAccess, exportId: string) {
  const db = await getDb();
  const res = await db.export.updateMany({
    where: { id: exportId, projectId: access.projectId, status: { in: ["FAILED", "CANCELLED"] } },
    data: { status: "QUEUED", attempts: 0, error: null, rowsDone: 0, finishedAt: null, startedAt: null },
  });
  if (res.count !== 1) {
    const e = await db.export.findFirst({ where: { id: exportId, projectId: access.projectId }, select: { status: true } });
    if (!e) throw new AppError("NOT_FOUND", "Export not found.");
    throw new AppError("CONFLICT", `Only a failed or cancelled export can be started again; this one is ${e.status.toLowerCase()}.`);
  }
  await enqueue(exportQueue, { exportId, projectId: access.projectId });
}

export const EXPORT_PARTS = ["data", "provenance", "datasheet.md", "datasheet.json"] as const;
export type ExportPart = (typeof EXPORT_PARTS)[number];

/** The finished file of an export of this project, its datasheet, or a fine-tuning export's provenance file, for streaming to the client. */
export async function exportFile(access: ProjectAccess, exportId: string, part: ExportPart = "data") {
  const db = await getDb();
  const e = await db.export.findFirst({ where: { id: exportId, projectId: access.projectId } });
  if (!e) throw new AppError("NOT_FOUND", "Export not found.");
  if (e.fileDeletedAt) {
    throw new AppError(
      "NOT_FOUND",
      `This export's file was deleted on ${e.fileDeletedAt.toISOString().slice(0, 10)}: files are kept ${env().jobs.retentionDays} days. Export again to get a new one.`,
    );
  }
  if (e.status !== "DONE" || !e.storagePath)
    throw new AppError("CONFLICT", e.status === "FAILED" ? `This export failed: ${e.error}` : "This export is not finished yet.");
  if (!fs.existsSync(e.storagePath)) throw new AppError("NOT_FOUND", "The export's file is gone; export again.");
  if (part === "datasheet.md" || part === "datasheet.json") {
    const kind = part === "datasheet.md" ? "md" : "json";
    const sheet = datasheetPath(exportId, kind);
    if (!fs.existsSync(sheet)) throw new AppError("NOT_FOUND", "This export was made before exports had datasheets; export again to get one.");
    return {
      path: sheet,
      fileName: `${e.fileName.replace(/\.[a-z.]+$/, "")}.datasheet.${kind}`,
      sha256: null,
      bytes: fs.statSync(sheet).size,
      contentType: kind === "md" ? "text/markdown; charset=utf-8" : "application/json",
    };
  }
  if (part === "provenance") {
    const side = provenancePath(exportId);
    if (!FINETUNE_FORMATS.includes(e.format) || !fs.existsSync(side)) throw new AppError("NOT_FOUND", "Only fine-tuning exports have a provenance file.");
    return {
      path: side,
      fileName: e.fileName.replace(/\.jsonl$/, "") + ".provenance.jsonl",
      sha256: null,
      bytes: fs.statSync(side).size,
      contentType: "application/x-ndjson",
    };
  }
  return { path: e.storagePath, fileName: e.fileName, sha256: e.sha256, bytes: Number(e.bytes ?? 0), contentType: FORMAT_INFO[e.format].contentType };
}
