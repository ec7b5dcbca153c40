// The Quality page's figures as JSON (leads): ?version=<prompt version id>, default the version that labeled the most items.
import { NextResponse } from "next/server";
import { z } from "zod";
import { idParam, projectRoute } from "@/lib/auth/route";
import { projectMetrics } from "@/lib/metrics/queries";
import { metricsResponse } from "@/lib/api/responses";

export const GET = projectRoute(
  {
    description: "The Quality page's figures for a prompt version against gold: accuracy with intervals per slice, per-label P/R/F1, confusion, calibration, acceptance, cost, annotator agreement.",
    response: metricsResponse, role: "LEAD",
    scope: "read",
    query: z.object({ version: idParam.optional() }),
  },
  async ({ access, query }) => NextResponse.json(await projectMetrics(access, query.version)),
);
