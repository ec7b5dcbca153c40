// One prompt proposal round.
import { NextResponse } from "next/server";
import { z } from "zod";
import { idParam, projectRoute } from "@/lib/auth/route";
import { AppError } from "@/lib/errors";
import { listRounds } from "@/lib/alignment/queries";
import { proposalRound } from "@/lib/api/responses";

export const GET = projectRoute(
  {
    description: "One proposal round: draft, changes, status and test result.",
    response: proposalRound,
    role: "LEAD",
    scope: "read",
    params: z.object({ roundId: idParam }),
  },
  async ({ access, params }) => {
    const round = (await listRounds(access, { take: 1000 })).find((r) => r.id === params.roundId);
    if (!round) throw new AppError("NOT_FOUND", "Proposal not found.");
    return NextResponse.json(round);
  },
);
