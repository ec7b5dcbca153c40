// The task learner: its latest training and scores (GET), a new training (POST, leads).
import { NextResponse } from "next/server";
import { projectRoute } from "@/lib/auth/route";
import { learnerStatus, requestTraining } from "@/lib/learner/service";
import { learnerStatusResponse, trainingResponse } from "@/lib/api/responses";

export const GET = projectRoute(
  {
    description:
      "The task learner's latest training (queued, running, ready or failed) and the latest finished one's scoreboard: the learner trained on human gold (cross-fitted), the learner distilled from the LLM, and the LLM, on the same blind items, with the learning curve.",
    response: learnerStatusResponse,
    role: "LEAD",
    scope: "read",
  },
  async ({ access }) => NextResponse.json(await learnerStatus(access)),
);

export const POST = projectRoute(
  {
    response: trainingResponse,
    description: "Trains the task learner in the background (needs 20 human gold labels; one training at a time per project).",
    successStatus: 202,
    role: "LEAD",
    scope: "lead",
    writes: true,
  },
  async ({ access }) => NextResponse.json(await requestTraining(access), { status: 202 }),
);
