// A lead's ruling on an item whose reviewers disagreed: it becomes gold (ADJUDICATION).
import { NextResponse } from "next/server";
import { z } from "zod";
import { projectRoute } from "@/lib/auth/route";
import { adjudicate } from "@/lib/gold/adjudicate";
import { goldFor } from "@/lib/reviews/queries";
import { itemParams } from "../params";
import { goldResponse } from "@/lib/api/responses";

export const POST = projectRoute(
  {
    response: goldResponse,
    description:
      "Rules on an item waiting for adjudication: { value, note? } becomes its gold (source ADJUDICATION), with the note in the audit log. 409 when it is not waiting for a ruling.",
    role: "LEAD",
    scope: "lead",
    writes: true,
    params: itemParams,
    body: z.object({ value: z.unknown(), note: z.string().max(2000).default("") }),
  },
  async ({ access, params, body }) => {
    await adjudicate(access, params.itemId, body.value, body.note);
    return NextResponse.json({ gold: await goldFor(access, params.itemId) });
  },
);
