// Decisions per annotator or per item, newest first, a page at a time.
import { NextResponse } from "next/server";
import { z } from "zod";
import { positiveInt } from "@/lib/validation";
import { idParam, projectRoute } from "@/lib/auth/route";
import { listDecisions } from "@/lib/reviews/list-decisions";
import { decisionListResponse } from "@/lib/api/responses";

const query = z.object({
  annotator: idParam.optional().describe("A member's user id (leads; an annotator always gets their own)."),
  item: positiveInt.optional().describe("An item id."),
  cursor: z.string().max(200).optional().describe("From the previous page's `next` link."),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const GET = projectRoute(
  {
    description:
      "Decisions newest first, by annotator (?annotator=) and/or on one item (?item=): a lead must give at least one of the two (400 otherwise); annotators always get their own. Each with its action, value, whether it was blind, seconds and version; `next` is the link to the following page (null on the last).",
    response: decisionListResponse,
    role: "ANNOTATOR",
    scope: "read",
    query,
  },
  async ({ access, query: q, req }) => {
    const page = await listDecisions(access, { annotatorId: q.annotator, itemId: q.item, cursor: q.cursor, limit: q.limit });
    const url = new URL(req.url);
    if (page.nextCursor) url.searchParams.set("cursor", page.nextCursor);
    return NextResponse.json({ decisions: page.decisions, next: page.nextCursor ? `${url.pathname}?${url.searchParams}` : null });
  },
);
