// What a run would cost before it starts: the same estimate the Pre-labeling page shows.
import { NextResponse } from "next/server";
import { projectRoute } from "@/lib/auth/route";
import { estimateRun } from "@/lib/runs/estimate";
import { runEstimateSchema } from "@/lib/runs/schemas";
import { runEstimateResponse } from "@/lib/api/responses";

export const POST = projectRoute(
  {
    response: runEstimateResponse,
    description:
      "Estimates a run of a prompt version over a selection (items, tokens from the documented counting, cost and the worst case the budget reserves) without starting it.",
    role: "LEAD",
    scope: "read",
    body: runEstimateSchema,
  },
  async ({ access, body }) => NextResponse.json(await estimateRun(access, body)),
);
