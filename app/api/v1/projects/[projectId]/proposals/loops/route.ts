// Proposal loops: up to N rounds of propose-and-test under a spend cap.
import { NextResponse } from "next/server";
import { projectRoute } from "@/lib/auth/route";
import { listLoops, startLoop } from "@/lib/alignment/loop";
import { loopSchema } from "@/lib/alignment/schemas";
import { proposalLoop, proposalLoopList } from "@/lib/api/responses";

export const GET = projectRoute(
  {
    description: "The latest proposal loops: status, best version so far, spend against the cap, and why each stopped.",
    response: proposalLoopList,
    role: "LEAD",
    scope: "read",
  },
  async ({ access }) => NextResponse.json({ loops: await listLoops(access) }),
);

export const POST = projectRoute(
  {
    description:
      "Starts a loop from a prompt version: each round proposes from the best version so far and tests it on held-out gold; it stops at the first round without a significant gain, after maxRounds, or before a round whose worst case the cap cannot cover. It never promotes.",
    successStatus: 202,
    response: proposalLoop,
    role: "LEAD",
    scope: "lead",
    writes: true,
    body: loopSchema,
  },
  async ({ access, body }) => {
    const loop = await startLoop(access, body);
    return NextResponse.json(
      (await listLoops(access)).find((l) => l.id === loop.id),
      { status: 202 },
    );
  },
);
