// Pause a synthesis job.
import { NextResponse } from "next/server";
import { projectRoute } from "@/lib/auth/route";
import { pauseSynthesis } from "@/lib/synthesis/jobs";
import { jobParams as params } from "../params";
import { synthesisPausedResponse } from "@/lib/api/responses";

export const POST = projectRoute(
  {
    response: synthesisPausedResponse,
    description: "Pauses a waiting or running synthesis job: it stops before its next request and keeps what it imported.",
    role: "LEAD",
    scope: "lead",
    writes: true,
    params,
  },
  async ({ access, params: p }) => {
    await pauseSynthesis(access, p.jobId, true);
    return NextResponse.json({ paused: p.jobId });
  },
);
