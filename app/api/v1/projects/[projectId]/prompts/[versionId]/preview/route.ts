// The exact request a prompt version would send for one item.
import { NextResponse } from "next/server";
import { z } from "zod";
import { idParam, projectRoute } from "@/lib/auth/route";
import { requestPreview } from "@/lib/prompts/preview";
import { promptPreviewResponse } from "@/lib/api/responses";

export const GET = projectRoute(
  {
    response: promptPreviewResponse,
    description:
      "The Messages API request this version sends for an item (?item=<the item's id in your data>; the project's first item otherwise): system prompt, few-shot examples, the tool and its schema, and whether the prefix would be cached.",
    role: "LEAD",
    scope: "read",
    params: z.object({ versionId: idParam }),
    query: z.object({ item: z.string().trim().min(1).max(200).optional().describe("An item's external id") }),
  },
  async ({ access, params, query }) => NextResponse.json(await requestPreview(access, params.versionId, query.item)),
);
