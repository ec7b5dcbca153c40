// Prompt proposals from corrections: the rounds (newest first) and a new proposal.
import { NextResponse } from "next/server";
import { projectRoute } from "@/lib/auth/route";
import { proposeFromCorrections } from "@/lib/alignment/propose";
import { listRounds } from "@/lib/alignment/queries";
import { proposeSchema } from "@/lib/alignment/schemas";
import { proposalListResponse, proposalRound } from "@/lib/api/responses";

export const GET = projectRoute(
  {
    description:
      "Prompt proposals, newest first: each round's draft, its changes tied to the confusions that motivated them, and, once tested, the paired test on held-out gold.",
    response: proposalListResponse,
    role: "LEAD",
    scope: "read",
  },
  async ({ access }) => NextResponse.json({ rounds: await listRounds(access) }),
);

export const POST = projectRoute(
  {
    description:
      "Asks the proposer model for a revision of a prompt version from its mistakes on the proposer's part of the gold (held-out gold is never sent). The request counts against the budgets. Returns the draft round.",
    successStatus: 201,
    response: proposalRound,
    role: "LEAD",
    scope: "lead",
    writes: true,
    body: proposeSchema,
  },
  async ({ access, body }) => {
    const round = await proposeFromCorrections(access, body);
    return NextResponse.json(
      (await listRounds(access)).find((r) => r.id === round.id),
      { status: 201 },
    );
  },
);
