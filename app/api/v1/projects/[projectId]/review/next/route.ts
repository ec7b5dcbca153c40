// Leases the next item to review: { task } (null when the queue is empty) and the progress counters.
import { NextResponse } from "next/server";
import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { withErrors } from "@/lib/http";
import { nextForReview } from "@/lib/reviews/queries";

const body = z.object({ skip: z.array(z.number().int()).max(10).default([]) });

export const POST = withErrors(async (req: Request, ctx: { params: Promise<{ projectId: string }> }) => {
  const user = await requireUser();
  const { projectId } = await ctx.params;
  const { skip } = body.parse(await req.json().catch(() => ({})));
  return NextResponse.json(await nextForReview(user.id, projectId, skip));
});
