// Synthesis jobs (leads): Claude writes new examples of a label; people validate them in review.
import { NextResponse } from "next/server";
import { projectRoute } from "@/lib/auth/route";
import { listSynthesisJobs, startSynthesis } from "@/lib/synthesis/jobs";
import { synthesisInputSchema } from "@/lib/synthesis/schemas";
import { synthesisListResponse, synthesisStartedResponse } from "@/lib/api/responses";

export const GET = projectRoute(
  {
    description: "The project's synthesis jobs, newest first, with progress, cost and the first 20 texts each dropped (and why).",
    response: synthesisListResponse,
    role: "LEAD",
    scope: "read",
  },
  async ({ access }) => NextResponse.json({ jobs: await listSynthesisJobs(access) }),
);

export const POST = projectRoute(
  {
    response: synthesisStartedResponse,
    description:
      "Starts a synthesis job: { label, count, length?, tone?, topics?, language?, maxSimilarity?, modelId? }. Texts are checked (length, language, near-duplicates) and the rest become SYNTHETIC items in the review queue, with the label as their suggestion. Spends from the project's budget.",
    role: "LEAD",
    successStatus: 202,
    scope: "lead",
    writes: true,
    body: synthesisInputSchema,
  },
  async ({ access, body }) => NextResponse.json({ job: await startSynthesis(access, body) }, { status: 202 }),
);
