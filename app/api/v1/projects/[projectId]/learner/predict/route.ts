// The latest gold-trained learner's predictions for a batch of texts.
import { NextResponse } from "next/server";
import { z } from "zod";
import { projectRoute } from "@/lib/auth/route";
import { predictTexts } from "@/lib/learner/service";
import { predictResponse } from "@/lib/api/responses";

const body = z.object({ texts: z.array(z.string().max(100_000)).min(1).max(1000) });

export const POST = projectRoute(
  {
    response: predictResponse,
    description:
      "Labels and probabilities from the latest learner trained on human gold, for up to 1,000 texts: { texts: [...] } gives { trainingId, predictions: [{ labels, probabilities }] } in the same order. Leads only: an annotator could otherwise ask for a prediction on the item in front of them, and blind would no longer be blind.",
    role: "LEAD",
    scope: "read",
    body,
  },
  async ({ access, body }) => NextResponse.json(await predictTexts(access, body.texts)),
);
