// Creating, listing and downloading exports; leads only, scoped to their project.
import fs from "node:fs";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ProjectAccess } from "@/lib/auth/access";
import { enqueueExport } from "@/lib/jobs/queues";
import { FORMAT_INFO, type ExportOptions } from "@/lib/exports/options";

export async function createExport(access: ProjectAccess, input: ExportOptions) {
  const { format, ...options } = input;
  const db = await getDb();
  if (options.promptVersionId && !(await db.promptVersion.findFirst({ where: { id: options.promptVersionId, projectId: access.projectId }, select: { id: true } }))) {
    throw new AppError("VALIDATION", "Unknown prompt version.", { promptVersionId: "Not a prompt version of this project" });
  }
  const slug = access.project.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "project";
  const created = await db.export.create({
    data: { projectId: access.projectId, createdById: access.userId, format, options, fileName: `${slug}-${format.toLowerCase().replace("_", "-")}.${FORMAT_INFO[format].extension}` },
  });
  await enqueueExport(created.id);
  return created;
}

export async function listExports(access: ProjectAccess) {
  const db = await getDb();
  const rows = await db.export.findMany({ where: { projectId: access.projectId }, orderBy: { createdAt: "desc" }, take: 50, omit: { storagePath: true } });
  return rows.map(({ bytes, ...e }) => ({ ...e, bytes: bytes === null ? null : Number(bytes) }));
}

/** The finished file of an export of this project, for streaming to the client. */
export async function exportFile(access: ProjectAccess, exportId: string) {
  const db = await getDb();
  const e = await db.export.findFirst({ where: { id: exportId, projectId: access.projectId } });
  if (!e) throw new AppError("NOT_FOUND", "Export not found.");
  if (e.status !== "DONE" || !e.storagePath) throw new AppError("CONFLICT", e.status === "FAILED" ? `This export failed: ${e.error}` : "This export is not finished yet.");
  if (!fs.existsSync(e.storagePath)) throw new AppError("NOT_FOUND", "The export's file is gone; export again.");
  return { path: e.storagePath, fileName: e.fileName, sha256: e.sha256, bytes: Number(e.bytes ?? 0), contentType: FORMAT_INFO[e.format].contentType };
}
