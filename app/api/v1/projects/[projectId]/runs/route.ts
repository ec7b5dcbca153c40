// The project's pre-labeling runs: the latest with the budget, and a new run.
import { NextResponse } from "next/server";
import { projectRoute } from "@/lib/auth/route";
import { getBudget, getRun, listRuns } from "@/lib/runs/queries";
import { createRun } from "@/lib/runs/create-run";
import { startRunSchema } from "@/lib/runs/schemas";
import { runListResponse, runResponse } from "@/lib/api/responses";

export const GET = projectRoute(
  {
    description: "The project's latest pre-labeling runs with progress, tokens, cost and ETA, and its budget.",
    response: runListResponse,
    role: "LEAD",
    scope: "read",
  },
  async ({ access }) => {
    const [runs, budget] = await Promise.all([listRuns(access), getBudget(access)]);
    return NextResponse.json({ runs, budget });
  },
);

export const POST = projectRoute(
  {
    response: runResponse,
    description:
      "Starts a run of a prompt version over a selection (items without this version's answer, a filter, or the gold set), direct or through Message Batches; it runs in the background. One active run per version; the budget is checked before each request.",
    successStatus: 202,
    role: "LEAD",
    scope: "lead",
    writes: true,
    body: startRunSchema,
  },
  async ({ access, body }) => NextResponse.json(await getRun(access, (await createRun(access, body)).id), { status: 202 }),
);
