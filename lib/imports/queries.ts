import { getDb } from "@/lib/db";
import { requireProjectRole } from "@/lib/auth/project-role";
import { AppError } from "@/lib/errors";

export type ImportView = Awaited<ReturnType<typeof getImport>>;

function toView<T extends { fileBytes: bigint; bytesRead: bigint }>(imp: T) {
  const { fileBytes, bytesRead, ...rest } = imp;
  const total = Number(fileBytes);
  return { ...rest, fileBytes: total, bytesRead: Number(bytesRead), progress: total ? Math.min(1, Number(bytesRead) / total) : 0 };
}

const importSelect = {
  id: true,
  format: true,
  fileName: true,
  fileBytes: true,
  bytesRead: true,
  status: true,
  rowsTotal: true,
  rowsInserted: true,
  rowsExisting: true,
  rowsFailed: true,
  error: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  options: true,
} as const;

export async function listImports(userId: string, projectId: string) {
  await requireProjectRole(userId, projectId, "LEAD");
  const db = await getDb();
  const rows = await db.import.findMany({ where: { projectId }, orderBy: { createdAt: "desc" }, take: 20, select: importSelect });
  return rows.map(toView);
}

export async function getImport(userId: string, projectId: string, importId: string) {
  await requireProjectRole(userId, projectId, "LEAD");
  const db = await getDb();
  const imp = await db.import.findFirst({ where: { id: importId, projectId }, select: importSelect });
  if (!imp) throw new AppError("NOT_FOUND", "Import not found.");
  return toView(imp);
}

export async function listImportErrors(userId: string, projectId: string, importId: string, opts: { afterLine?: number; take?: number } = {}) {
  await getImport(userId, projectId, importId);
  const db = await getDb();
  return db.importError.findMany({
    where: { importId, line: { gt: opts.afterLine ?? -1 } },
    orderBy: [{ line: "asc" }, { id: "asc" }],
    take: Math.min(opts.take ?? 100, 500),
    select: { line: true, field: true, reason: true, excerpt: true },
  });
}
