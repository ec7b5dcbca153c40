// Downloads a finished export, streamed from disk; its sha256 is in the X-Content-SHA256 header.
import fs from "node:fs";
import { Readable } from "node:stream";
import { requireUser } from "@/lib/auth/session";
import { withErrors } from "@/lib/http";
import { exportFile } from "@/lib/exports/exports";

export const GET = withErrors(async (_req: Request, ctx: { params: Promise<{ projectId: string; exportId: string }> }) => {
  const user = await requireUser();
  const { projectId, exportId } = await ctx.params;
  const file = await exportFile(user.id, projectId, exportId);
  const body = Readable.toWeb(fs.createReadStream(file.path)) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      "content-type": file.contentType,
      "content-length": String(file.bytes),
      "content-disposition": `attachment; filename="${file.fileName.replace(/[^\w.-]/g, "_")}"`,
      "x-content-sha256": file.sha256 ?? "",
      "x-content-type-options": "nosniff",
    },
  });
});
