// Pausing, resuming, cancelling a run, and running its failed items again.
import { NextResponse } from "next/server";
import { z } from "zod";
import { idParam, projectRoute } from "@/lib/auth/route";
import { cancelRun, pauseRun, resumeRun, retryFailedItems } from "@/lib/runs/control-run";
import { getRun } from "@/lib/runs/queries";
import { runResponse } from "@/lib/api/responses";

const ACTIONS = {
  pause: pauseRun,
  resume: resumeRun,
  cancel: cancelRun,
  "retry-failed": async (...a: Parameters<typeof retryFailedItems>) => void (await retryFailedItems(...a)),
};

export const POST = projectRoute(
  {
    response: runResponse,
    description:
      "pause (requests in flight finish), resume (also a stopped run, after the budget was raised), cancel (an open batch is cancelled at the API), or retry-failed (a finished run's failed items are tried again, in place) a run.",
    role: "LEAD",
    scope: "lead",
    writes: true,
    params: z.object({ runId: idParam, action: z.enum(["pause", "resume", "cancel", "retry-failed"]) }),
  },
  async ({ access, params }) => {
    await ACTIONS[params.action](access, params.runId);
    return NextResponse.json(await getRun(access, params.runId));
  },
);
