// Downloads a finished export, streamed from disk; its sha256 is in the X-Content-SHA256 header.
import fs from "node:fs";
import { Readable } from "node:stream";
import { z } from "zod";
import { idParam, projectRoute } from "@/lib/auth/route";
import { EXPORT_PARTS, exportFile } from "@/lib/exports/exports";
import { FORMAT_INFO } from "@/lib/exports/options";

export const GET = projectRoute(
  {
    // Each format's own media type (FORMAT_INFO): JSONL, CSV, a tar, JSON.
    file: [...new Set([...Object.values(FORMAT_INFO).map((f) => f.contentType.split(";")[0]), "text/markdown", "application/json"])],
    description:
      "Downloads a finished export file; the X-Content-SHA256 header carries its hash. ?part=provenance gives a fine-tuning export's side file: each data line's id, gold source, origin and split, line for line. ?part=datasheet.md or datasheet.json gives the export's datasheet: its rows per source of label with each source's measured error, the prompt versions and their cost, the weak slices, the blind slice, the reviewers (counted) and the dates.",
    role: "LEAD",
    scope: "read",
    params: z.object({ exportId: idParam }),
    query: z.object({
      part: z
        .enum(EXPORT_PARTS)
        .default("data")
        .describe("data (the export), provenance (a fine-tuning export's side file), or its datasheet (datasheet.md, datasheet.json)"),
    }),
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
