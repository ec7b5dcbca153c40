// Leases the next item to review: { task } (null when the queue is empty) and the progress counters.
import { NextResponse } from "next/server";
import { projectRoute } from "@/lib/auth/route";
import { nextForReview } from "@/lib/reviews/queries";
import { nextItemSchema } from "@/lib/reviews/schemas";
import { nextTaskResponse } from "@/lib/api/responses";

export const POST = projectRoute(
  {
    description: "Leases the next item to the caller (an item they already hold comes first; `skip` lists items not to offer now) with the progress counters.",
    response: nextTaskResponse,
    role: "ANNOTATOR",
    scope: "review",
    writes: true,
    body: nextItemSchema,
  },
  async ({ access, body }) => NextResponse.json(await nextForReview(access, body.skip)),
);
