// Serving a picture: only to members of a project that has an item with that picture (the access
// value proves membership; the index ItemImage(projectId, sha256) proves the picture is the
// project's), so knowing a hash never opens another project's image.
import type { ProjectAccess } from "@/lib/auth/access";
import { getDatabase } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { AppError } from "@/lib/errors";
import { mediaStore } from "@/lib/media/store";

export async function projectImage(access: ProjectAccess, sha256: string): Promise<{ bytes: Buffer; contentType: string }> {
  const database = await getDatabase();
  const [row] = await database.query<{ contentType: string }>(
    sql`SELECT "contentType" FROM "ItemImage" WHERE "projectId" = ${access.projectId} AND sha256 = ${sha256} LIMIT 1`,
  );
  if (!row) throw new AppError("NOT_FOUND", "Image not found.");
  const bytes = await mediaStore().get(sha256);
  if (!bytes) throw new AppError("NOT_FOUND", "The image is missing from the media store.");
  return { bytes, contentType: row.contentType };
}
