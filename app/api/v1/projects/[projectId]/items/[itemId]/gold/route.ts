// A lead corrects an item's gold, with a reason kept in the audit log.
import { NextResponse } from "next/server";
import { z } from "zod";
import { projectRoute } from "@/lib/auth/route";
import { correctGold } from "@/lib/gold/correct";
import { goldFor } from "@/lib/reviews/queries";
import { itemParams } from "../params";
import { goldResponse } from "@/lib/api/responses";

export const PUT = projectRoute(
  {
    response: goldResponse,
    description: "Corrects an item's gold: { value, reason } (the reason is required and kept in the audit log); the gold's source becomes CORRECTION.",
    role: "LEAD",
    scope: "lead",
    writes: true,
    params: itemParams,
    body: z.object({ value: z.unknown(), reason: z.string().max(2000) }),
  },
  async ({ access, params, body }) => {
    await correctGold(access, params.itemId, body.value, body.reason);
    return NextResponse.json({ gold: await goldFor(access, params.itemId) });
  },
);
