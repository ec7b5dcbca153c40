import { getDb } from "@/lib/db";
import type { ProjectAccess } from "@/lib/auth/access";
import { AppError } from "@/lib/errors";
import { csvCell } from "@/lib/exports/formats";

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
  labelsWritten: true,
  labelsKept: true,
  labelsDropped: true,
  error: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  options: true,
} as const;

export async function listImports(access: ProjectAccess) {
  const db = await getDb();
  const rows = await db.import.findMany({ where: { projectId: access.projectId }, orderBy: { createdAt: "desc" }, take: 20, select: importSelect });
  return rows.map(toView);
}

export async function getImport(access: ProjectAccess, importId: string) {
  const db = await getDb();
  const imp = await db.import.findFirst({ where: { id: importId, projectId: access.projectId }, select: importSelect });
  if (!imp) throw new AppError("NOT_FOUND", "Import not found.");
  return toView(imp);
}

export async function listImportErrors(access: ProjectAccess, importId: string, opts: { afterLine?: number; take?: number } = {}) {
  await getImport(access, importId);
  const db = await getDb();
  return db.importError.findMany({
    where: { importId, line: { gt: opts.afterLine ?? -1 } },
    orderBy: [{ line: "asc" }, { id: "asc" }],
    take: Math.min(opts.take ?? 100, 500),
    select: { line: true, field: true, reason: true, excerpt: true },
  });
}

/**
 * Every kept rejected row of an import as CSV (line, field, reason, content), read 500 at a time
 * in line order so a large report streams instead of sitting in memory. The lead fixes the file
 * from it; the last line says when more rows were rejected than the report keeps.
 */
export async function* importErrorsCsv(access: ProjectAccess, importId: string): AsyncGenerator<string> {
  const imp = await getImport(access, importId);
  yield "line,field,reason,content\r\n";
  const db = await getDb();
  let kept = 0;
  let after: { line: number; id: number } | null = null;
  for (;;) {
    const page: { id: number; line: number; field: string | null; reason: string; excerpt: string }[] = await db.importError.findMany({
      where: { importId, ...(after ? { OR: [{ line: { gt: after.line } }, { line: after.line, id: { gt: after.id } }] } : {}) },
      orderBy: [{ line: "asc" }, { id: "asc" }],
      take: 500,
      select: { id: true, line: true, field: true, reason: true, excerpt: true },
    });
    for (const e of page) yield [e.line, e.field ?? "", e.reason, e.excerpt].map((cell) => csvCell(cell)).join(",") + "\r\n";
    kept += page.length;
    if (page.length < 500) break;
    after = page[page.length - 1];
  }
  if (kept < imp.rowsFailed)
    yield ["", "", `${imp.rowsFailed - kept} more rows were rejected; only the first ${kept} are kept`, ""].map((cell) => csvCell(cell)).join(",") + "\r\n";
}
