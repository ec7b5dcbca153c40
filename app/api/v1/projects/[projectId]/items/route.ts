// GET: a page of items (keyset: ?after=<id>). POST: import a file; the raw body is the file
// (streamed to disk, never buffered), and ?fileName=&format=&textField=&idField= describe it.
import { NextResponse } from "next/server";
import { projectRoute } from "@/lib/auth/route";
import { itemListQuerySchema, listItems } from "@/lib/items/queries";
import { createImport, uploadQuerySchema } from "@/lib/imports/create-import";

export const GET = projectRoute(
  {
    description: "A page of items (50), keyset-paged with ?after= / ?before=; filters: status, q (every word), and for leads gold, disagree, annotator.",
    role: "ANNOTATOR",
    scope: "read",
    query: itemListQuerySchema,
  },
  async ({ access, query }) => NextResponse.json(await listItems(access, query)),
);

export const POST = projectRoute(
  {
    description: "Imports a CSV, TSV, JSONL or JSON file sent as the raw body; the import runs in the background (202 with its status URL).",
    role: "LEAD",
    scope: "lead",
    writes: true,
    query: uploadQuerySchema,
    rawBody: true,
  },
  async ({ access, query, req }) => {
    const declared = Number(req.headers.get("content-length") ?? "");
    const imp = await createImport(access, { body: req.body, meta: query, declaredBytes: Number.isFinite(declared) && declared > 0 ? declared : undefined });
    const statusUrl = `/api/v1/projects/${access.projectId}/imports/${imp.id}`;
    return NextResponse.json({ import: imp, statusUrl }, { status: 202, headers: { Location: statusUrl } });
  },
);
