// Pausing, resuming and cancelling a run.
import { NextResponse } from "next/server";
import { z } from "zod";
import { idParam, projectRoute } from "@/lib/auth/route";
import { cancelRun, pauseRun, resumeRun } from "@/lib/runs/control-run";
import { getRun } from "@/lib/runs/queries";
import { runResponse } from "@/lib/api/responses";

const ACTIONS = { pause: pauseRun, resume: resumeRun, cancel: cancelRun };

export const POST = projectRoute(
  {
    response: runResponse,
    description: "pause (requests in flight finish), resume (also a stopped run, after the budget was raised), or cancel (an open batch is cancelled at the API) a run.",
    role: "LEAD",
    scope: "lead",
    writes: true,
    params: z.object({ runId: idParam, action: z.enum(["pause", "resume", "cancel"]) }),
  },
  async ({ access, params }) => {
    await ACTIONS[params.action](access, params.runId);
    return NextResponse.json(await getRun(access, params.runId));
  },
);
