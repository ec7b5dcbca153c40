// Downloads a finished export, streamed from disk; its sha256 is in the X-Content-SHA256 header.
import fs from "node:fs";
import { Readable } from "node:stream";
import { z } from "zod";
import { idParam, projectRoute } from "@/lib/auth/route";
import { exportFile } from "@/lib/exports/exports";
import { FORMAT_INFO } from "@/lib/exports/options";

export const GET = projectRoute(
  {
    // Each format's own media type (FORMAT_INFO): JSONL, CSV, a tar, JSON.
    file: [...new Set(Object.values(FORMAT_INFO).map((f) => f.contentType.split(";")[0]))],
    description:
      "Downloads a finished export file; the X-Content-SHA256 header carries its hash. ?part=provenance gives a fine-tuning export's side file: each data line's id, gold source, origin and split, line for line.",
    role: "LEAD",
    scope: "read",
    params: z.object({ exportId: idParam }),
    query: z.object({ part: z.enum(["data", "provenance"]).default("data").describe("data (the export) or provenance (a fine-tuning export's side file)") }),
  },
  async ({ access, params, query }) => {
    const file = await exportFile(access, params.exportId, query.part);
    const body = Readable.toWeb(fs.createReadStream(file.path)) as ReadableStream<Uint8Array>;
    return new Response(body, {
      headers: {
        "content-type": file.contentType,
        "content-length": String(file.bytes),
        "content-disposition": `attachment; filename="${file.fileName.replace(/[^\w.-]/g, "_")}"`,
        "x-content-sha256": file.sha256 ?? "",
        "x-content-type-options": "nosniff",
        "cache-control": "no-store",
      },
    });
  },
);
