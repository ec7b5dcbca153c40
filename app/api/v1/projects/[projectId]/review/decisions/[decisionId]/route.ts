// Edits one of my decisions: { value, version }. A stale version answers 409 with the current
// value and version, so a second tab never silently overwrites the first.
import { NextResponse } from "next/server";
import { z } from "zod";
import { idParam, projectRoute } from "@/lib/auth/route";
import { editDecision } from "@/lib/reviews/change-decision";
import { editDecisionSchema } from "@/lib/reviews/schemas";
import { decisionResponse } from "@/lib/api/responses";

export const PATCH = projectRoute(
  {
    response: decisionResponse,
    description: "Changes the value of one of the caller's decisions. Optimistic: a stale version gets 409 with the current value.",
    role: "ANNOTATOR",
    scope: "review",
    writes: true,
    params: z.object({ decisionId: idParam }),
    body: editDecisionSchema,
  },
  async ({ access, params, body }) => NextResponse.json({ decision: await editDecision(access, params.decisionId, body) }),
);
