// Stopping an import: the rows already written stay (as after a failure) and the upload goes.
import type { ProjectAccess } from "@/lib/auth/access";
import { getDb } from "@/lib/db";
import { cancelLeasedRow } from "@/lib/jobs/cancel";
import { removeUpload } from "@/lib/imports/storage";

export async function cancelImport(access: ProjectAccess, importId: string) {
  await cancelLeasedRow("Import", importId, access.projectId, "Import");
  const db = await getDb();
  const imp = await db.import.findFirstOrThrow({ where: { id: importId, projectId: access.projectId }, select: { storagePath: true } });
  if (imp.storagePath) removeUpload(imp.storagePath);
}
