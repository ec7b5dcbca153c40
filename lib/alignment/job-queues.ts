// The alignment queue: a round's test to settle (or, `acquire`, its items to review first to
// mark), or a loop to advance. It waits for runs as a delayed job, never holding a slot.
import { z } from "zod";
import { defineQueue } from "@/lib/jobs/define";

export const alignmentQueue = defineQueue({
  name: "alignment-test",
  payload: z.object({ projectId: z.string(), roundId: z.string().optional(), loopId: z.string().optional(), acquire: z.boolean().optional() }),
  send: { retryLimit: 3, retryDelay: 10, expireInMinutes: 10 },
});
export type AlignmentJob = z.infer<typeof alignmentQueue.payload>;
