// Auto-accept: its settings (PUT, which queues an apply, as saving them on Settings does) and the latest apply (GET).
import { NextResponse } from "next/server";
import { projectRoute } from "@/lib/auth/route";
import { updateAutoAcceptSettings } from "@/lib/gold/auto-accept";
import { latestApply, requestApply } from "@/lib/gold/apply-job";
import { autoAcceptSettingsSchema } from "@/lib/gold/settings-schema";
import { applyResponse, applyStartedResponse } from "@/lib/api/responses";

export const GET = projectRoute(
  {
    response: applyResponse,
    description:
      "The latest auto-accept apply: status, progress, how many labels it accepted and audited, and its outcome (certified threshold, pause, resume); null before the first.",
    role: "LEAD",
    scope: "read",
  },
  async ({ access }) => NextResponse.json({ apply: await latestApply(access.projectId) }),
);

export const PUT = projectRoute(
  {
    response: applyStartedResponse,
    description:
      "Sets the error budget (errorBudgetPercent, null: off), auto-accept on or off, the audit share, the learner cascade and per-label budgets (labelBudgets, each at most the project's), then queues an apply: the certificate is computed on the blind slice and, when on, the suggestions it covers become AUTO gold. Follow it with GET.",
    successStatus: 202,
    role: "LEAD",
    scope: "lead",
    writes: true,
    body: autoAcceptSettingsSchema,
  },
  async ({ access, body }) => {
    await updateAutoAcceptSettings(access, body);
    const applyId = await requestApply(access.projectId, access.userId, "settings");
    return NextResponse.json({ applyId }, { status: 202 });
  },
);
