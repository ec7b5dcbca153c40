// What an import would read, before uploading: the first bytes of a file (up to 64 KB), read by the
// import's own parser (lib/imports/preview.ts).
import { NextResponse } from "next/server";
import { z } from "zod";
import { projectRoute } from "@/lib/auth/route";
import { previewImport, PREVIEW_BYTES } from "@/lib/imports/preview";
import { DELIMITER_NAMES, UPLOAD_FORMATS } from "@/lib/imports/schemas";
import { readBodyBytes } from "@/lib/read-json-body";
import { importPreviewResponse } from "@/lib/api/responses";
import { looseBoolean } from "@/lib/validation";
import { taskTypeDef } from "@/lib/task-types";

const query = z.object({
  format: z.enum(UPLOAD_FORMATS, "Use CSV, TSV, JSONL, JSON or LABEL_STUDIO"),
  delimiter: z
    .enum(Object.keys(DELIMITER_NAMES) as [string, ...string[]], "Use comma, semicolon, tab or pipe")
    .optional()
    .describe("CSV: read with this delimiter instead of detecting one."),
  partial: looseBoolean.default(false).describe("The body is the start of a longer file (its last line may be cut)."),
});

export const POST = projectRoute(
  {
    response: importPreviewResponse,
    description:
      "Previews an import: send the first bytes of the file (at most 64 KB) as the raw body. The answer says how the import would read it: the delimiter (CSV; detected among comma, semicolon, tab and pipe unless given), the columns (with whether each looks like ids), the first rows as read, any bad rows, and the text and id columns when they are clear (null: choose).",
    role: "LEAD",
    scope: "lead",
    query,
    rawBody: true,
  },
  async ({ access, query: q, req }) => {
    const sample = Buffer.from(await readBodyBytes(req, PREVIEW_BYTES));
    const preview = await previewImport(sample, {
      format: q.format,
      delimiter: q.delimiter ? DELIMITER_NAMES[q.delimiter] : undefined,
      partial: q.partial,
      pairwise: taskTypeDef(access.project.taskType).content === "pair",
    });
    const name = Object.entries(DELIMITER_NAMES).find(([, d]) => d === preview.delimiter)?.[0] ?? null;
    return NextResponse.json({ preview: { ...preview, delimiter: name } });
  },
);
