import { NextResponse } from "next/server";
import { projectRoute } from "@/lib/auth/route";
import { getBudget, listRuns } from "@/lib/runs/queries";

export const GET = projectRoute(
  { description: "The project's latest pre-labeling runs with progress, tokens, cost and ETA, and its budget.", role: "LEAD", scope: "read" },
  async ({ access }) => {
    const [runs, budget] = await Promise.all([listRuns(access), getBudget(access)]);
    return NextResponse.json({ runs, budget });
  },
);
