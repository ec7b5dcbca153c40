// The items waiting for a lead's ruling, with their reviewers' answers.
import { NextResponse } from "next/server";
import { projectRoute } from "@/lib/auth/route";
import { listAdjudications } from "@/lib/gold/adjudicate";
import { adjudicationListResponse } from "@/lib/api/responses";

export const GET = projectRoute(
  {
    description: "The items whose reviewers disagreed and that wait for a lead's ruling, with each reviewer's answer.",
    response: adjudicationListResponse,
    role: "LEAD",
    scope: "read",
  },
  async ({ access }) => NextResponse.json({ items: await listAdjudications(access) }),
);
