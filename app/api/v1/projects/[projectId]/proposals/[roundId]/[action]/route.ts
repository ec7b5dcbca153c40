// Acting on a proposal: test it on held-out gold (with the lead's edits), promote it, discard it.
import { NextResponse } from "next/server";
import { z } from "zod";
import { idParam, projectRoute } from "@/lib/auth/route";
import { testRound } from "@/lib/alignment/test-round";
import { discardRound, promoteRound } from "@/lib/alignment/promote";
import { testEditsSchema } from "@/lib/alignment/schemas";
import { proposalPromoted, proposalTestStarted } from "@/lib/api/responses";


export const POST = projectRoute(
  {
    description:
      "test: the draft (with optional edits) becomes a trial version and it and its parent are run on the held-out gold (budgets apply); the verdict is frozen when both runs end. promote: makes a candidate whose test was significant the current prompt. discard: drops a draft or a tested round.",
    response: z.union([proposalTestStarted, proposalPromoted, z.object({ discarded: z.literal(true) })]),
    role: "LEAD",
    scope: "lead",
    writes: true,
    params: z.object({ roundId: idParam, action: z.enum(["test", "promote", "discard"]) }),
    body: testEditsSchema.optional(),
  },
  async ({ access, params: p, body }) => {
    if (p.action === "test") return NextResponse.json(await testRound(access, p.roundId, body ?? {}));
    if (p.action === "promote") return NextResponse.json(await promoteRound(access, p.roundId));
    await discardRound(access, p.roundId);
    return NextResponse.json({ discarded: true });
  },
);
