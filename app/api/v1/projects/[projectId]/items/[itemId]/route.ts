// One item with its decisions, and for leads its gold and latest suggestion.
import { NextResponse } from "next/server";
import { projectRoute } from "@/lib/auth/route";
import { getItem } from "@/lib/items/queries";
import { goldFor, itemDecisions, referenceFor } from "@/lib/reviews/queries";
import { latestSuggestion } from "@/lib/runs/queries";
import { itemParams } from "./params";
import { itemResponse } from "@/lib/api/responses";

export const GET = projectRoute(
  {
    response: itemResponse,
    description:
      "One item: text, metadata and where it came from, with its decisions (all of them for a lead, your own for an annotator, so reviews stay independent); leads also get its gold (value, source, blind), the latest suggestion, and the reference label an import brought (with every annotation it came from).",
    role: "ANNOTATOR",
    scope: "read",
    params: itemParams,
  },
  async ({ access, params }) => {
    const [item, decisions, gold, suggestion, reference] = await Promise.all([
      getItem(access, params.itemId),
      itemDecisions(access, params.itemId),
      goldFor(access, params.itemId),
      latestSuggestion(access, params.itemId),
      referenceFor(access, params.itemId),
    ]);
    return NextResponse.json({ item, decisions, gold, suggestion, reference });
  },
);
