// One pre-labeling run and its progress.
import { NextResponse } from "next/server";
import { z } from "zod";
import { idParam, projectRoute } from "@/lib/auth/route";
import { getRun } from "@/lib/runs/queries";
import { runResponse } from "@/lib/api/responses";

export const GET = projectRoute(
  {
    response: runResponse,
    description: "One run: status, items done and failed, tokens, cost, ETA, and what the task learner answered instead of the LLM (the cascade).",
    role: "LEAD",
    scope: "read",
    params: z.object({ runId: idParam }),
  },
  async ({ access, params }) => NextResponse.json(await getRun(access, params.runId)),
);
