// Resume a synthesis job.
import { NextResponse } from "next/server";
import { projectRoute } from "@/lib/auth/route";
import { pauseSynthesis } from "@/lib/synthesis/jobs";
import { jobParams as params } from "../params";
import { synthesisResumedResponse } from "@/lib/api/responses";

export const POST = projectRoute(
  {
    response: synthesisResumedResponse,
    description: "Resumes a paused synthesis job: it goes on from the texts it still owes.",
    role: "LEAD",
    scope: "lead",
    writes: true,
    params,
  },
  async ({ access, params: p }) => {
    await pauseSynthesis(access, p.jobId, false);
    return NextResponse.json({ resumed: p.jobId });
  },
);
