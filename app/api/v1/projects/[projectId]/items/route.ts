// GET: a page of items (keyset: ?after=<id>). POST: import a file; the raw body is the file
// (streamed to disk, never buffered), and ?fileName=&format=&textField=&idField= describe it.
import { NextResponse } from "next/server";
import { projectRoute } from "@/lib/auth/route";
import { itemListQuerySchema, listItems } from "@/lib/items/queries";
import { createImport, uploadQuerySchema } from "@/lib/imports/create-import";
import { importStartedResponse, itemListResponse } from "@/lib/api/responses";

export const GET = projectRoute(
  {
    description:
      "A page of items (50), keyset-paged with ?after= / ?before= (`next` and `prev` are the links), with the total; filters: status, q (every word; an item whose id is q is named apart), and for leads gold, disagree, annotator, goldLabel, suggested, minConf/maxConf (percent), version, origin (import id), meta (field:value). Leads also get each item's suggestion, gold, reviews and agreement.",
    response: itemListResponse,
    role: "ANNOTATOR",
    scope: "read",
    query: itemListQuerySchema,
  },
  async ({ access, query, req }) => {
    const page = await listItems(access, query);
    // Links to the next and previous pages: the same filters, another keyset position.
    const link = (set: "after" | "before", id: number | null) => {
      if (id === null) return null;
      const url = new URL(req.url);
      url.searchParams.delete("after");
      url.searchParams.delete("before");
      url.searchParams.set(set, String(id));
      return `${url.pathname}?${url.searchParams}`;
    };
    return NextResponse.json({ ...page, total: await page.total, next: link("after", page.nextAfter), prev: link("before", page.prevBefore) });
  },
);

export const POST = projectRoute(
  {
    response: importStartedResponse,
    description:
      "Imports a CSV, TSV, JSONL, JSON or Label Studio JSON file sent as the raw body; the import runs in the background (202 with its status URL). Optional label columns bring existing labels (as a reference or as gold) and another model's predictions (as that model's suggestions). Pairwise projects name the prompt and the two responses' columns (promptField, aField, bField; defaults prompt, response_a, response_b) and optionally the models that wrote them (aModelField, bModelField).",
    successStatus: 202,
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
