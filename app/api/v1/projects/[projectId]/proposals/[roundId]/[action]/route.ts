// Acting on a proposal: test it on held-out gold (with the lead's edits), promote it, discard it.
import { NextResponse } from "next/server";
import { z } from "zod";
import { idParam, projectRoute } from "@/lib/auth/route";
import { testRound } from "@/lib/alignment/test-round";
import { discardRound, promoteRound } from "@/lib/alignment/promote";
import { acquireSchema, testEditsSchema } from "@/lib/alignment/schemas";
import { acquireForReview, retestRound } from "@/lib/alignment/acquire";
import { proposalAcquisition, proposalPromoted, proposalRetest, proposalTestStarted } from "@/lib/api/responses";

export const POST = projectRoute(
  {
    description:
      "test: the draft (with optional edits) becomes a trial version and it and its parent are run on the held-out gold (budgets apply); the verdict is frozen when both runs end. review-first (body {items}): that many unreviewed items are held out, both versions label them, and those they disagree on go first in the review queue without either suggestion. retest: tests a tested round again on the held-out gold as it is now (the next look, at half the level). promote: makes a candidate whose test was significant the current prompt. discard: drops a draft or a tested round.",
    response: z.union([proposalTestStarted, proposalPromoted, proposalRetest, proposalAcquisition, z.object({ discarded: z.literal(true) })]),
    role: "LEAD",
    scope: "lead",
    writes: true,
    params: z.object({ roundId: idParam, action: z.enum(["test", "review-first", "retest", "promote", "discard"]) }),
    body: testEditsSchema.extend(acquireSchema.partial().shape).optional(),
  },
  async ({ access, params: p, body }) => {
    if (p.action === "test")
      return NextResponse.json(await testRound(access, p.roundId, { instructions: body?.instructions, labelDescriptions: body?.labelDescriptions }));
    if (p.action === "review-first")
      return NextResponse.json(await acquireForReview(access, p.roundId, acquireSchema.parse({ items: body?.items ?? 200 }).items));
    if (p.action === "retest") return NextResponse.json(await retestRound(access, p.roundId));
    if (p.action === "promote") return NextResponse.json(await promoteRound(access, p.roundId));
    await discardRound(access, p.roundId);
    return NextResponse.json({ discarded: true });
  },
);
