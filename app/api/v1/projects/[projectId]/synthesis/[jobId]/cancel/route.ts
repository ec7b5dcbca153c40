// Cancelling a synthesis job: it stops before its next request; the items it imported stay.
import { NextResponse } from "next/server";
import { projectRoute } from "@/lib/auth/route";
import { cancelSynthesis } from "@/lib/synthesis/jobs";
import { jobParams as params } from "../params";
import { synthesisCancelledResponse } from "@/lib/api/responses";

export const POST = projectRoute(
  {
    response: synthesisCancelledResponse,
    description: "Cancels a waiting or running synthesis job; it stops before its next request, and the items it already imported stay.",
    role: "LEAD",
    scope: "lead",
    writes: true,
    params,
  },
  async ({ access, params: p }) => {
    await cancelSynthesis(access, p.jobId);
    return NextResponse.json({ cancelled: p.jobId });
  },
);
