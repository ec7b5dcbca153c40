"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { projectAction } from "@/lib/auth/action";
import { proposeFromCorrections } from "@/lib/alignment/propose";
import { testRound } from "@/lib/alignment/test-round";
import { discardRound, promoteRound } from "@/lib/alignment/promote";
import { acquireSchema, loopSchema, proposeSchema, testEditsSchema } from "@/lib/alignment/schemas";
import { acquireForReview, retestRound } from "@/lib/alignment/acquire";
import { startLoop } from "@/lib/alignment/loop";

const path = (projectId: string) => `/projects/${projectId}/runs/improve`;
const roundId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const proposeAction = projectAction({ role: "LEAD", writes: true }, proposeSchema, async (access, input) => {
  const round = await proposeFromCorrections(access, input);
  revalidatePath(path(access.projectId));
  return { number: round.number };
});

export const testRoundAction = projectAction({ role: "LEAD", writes: true }, testEditsSchema.extend({ roundId }), async (access, { roundId: id, ...edits }) => {
  const started = await testRound(access, id, edits);
  revalidatePath(path(access.projectId));
  return started;
});

export const decideRoundAction = projectAction(
  { role: "LEAD", writes: true },
  z.object({ roundId, verb: z.enum(["promote", "discard"]) }),
  async (access, input) => {
    const result = input.verb === "promote" ? await promoteRound(access, input.roundId) : (await discardRound(access, input.roundId), null);
    revalidatePath(path(access.projectId));
    revalidatePath(`/projects/${access.projectId}/runs`);
    return result;
  },
);

export const startLoopAction = projectAction({ role: "LEAD", writes: true }, loopSchema, async (access, input) => {
  await startLoop(access, input);
  revalidatePath(path(access.projectId));
});

export const reviewFirstAction = projectAction({ role: "LEAD", writes: true }, acquireSchema.extend({ roundId }), async (access, input) => {
  const acquisition = await acquireForReview(access, input.roundId, input.items);
  revalidatePath(path(access.projectId));
  return acquisition;
});

export const retestAction = projectAction({ role: "LEAD", writes: true }, z.object({ roundId }), async (access, input) => {
  const again = await retestRound(access, input.roundId);
  revalidatePath(path(access.projectId));
  return again;
});
