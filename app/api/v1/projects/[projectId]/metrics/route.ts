// The Quality page's figures as JSON (leads): ?version=<prompt version id>, default the version that labeled the most items.
import { NextResponse } from "next/server";
import { z } from "zod";
import { idParam, projectRoute } from "@/lib/auth/route";
import { projectMetrics } from "@/lib/metrics/queries";
import { metricsResponse } from "@/lib/api/responses";
import { pairwiseQuality } from "@/lib/pairwise/metrics";
import { referenceAgreement } from "@/lib/metrics/reference";
import { taskTypeDef } from "@/lib/task-types";

export const GET = projectRoute(
  {
    description:
      "The Quality page's figures for a prompt version against gold: accuracy with intervals per slice, per-label P/R/F1, confusion, calibration, acceptance, cost, annotator agreement, and `reference`: how often people and the model agree with imported reference labels (null without any). Pairwise projects add `pairwise`: the judge's and people's position bias and self-consistency, and the models' Bradley-Terry leaderboard from gold and from the judge.",
    response: metricsResponse,
    role: "LEAD",
    scope: "read",
    query: z.object({ version: idParam.optional() }),
  },
  async ({ access, query }) => {
    const [metrics, reference] = await Promise.all([projectMetrics(access, query.version), referenceAgreement(access.projectId, access.project.taskType)]);
    if (!taskTypeDef(access.project.taskType).capabilities.pairwiseJudge) return NextResponse.json({ ...metrics, reference });
    return NextResponse.json({ ...metrics, reference, pairwise: await pairwiseQuality(access, metrics.version?.id ?? null) });
  },
);
