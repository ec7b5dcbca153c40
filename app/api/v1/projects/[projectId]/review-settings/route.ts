// The review settings a lead sets on the Settings page: reviewers per item, the blind share, the queue's order.
import { NextResponse } from "next/server";
import { projectRoute } from "@/lib/auth/route";
import { reviewSettingsSchema, updateReviewSettings } from "@/lib/projects/update-review-settings";
import { getProject } from "@/lib/projects/queries";
import { projectResponse } from "@/lib/api/responses";

export const PUT = projectRoute(
  {
    response: projectResponse,
    description:
      "Sets reviewers per item (1-10), the blind share (blindPercent, 0-100) and the queue's order. Lowered reviewers settle what they can at once (agreement becomes gold, disagreement goes to adjudication); raised, items re-open. Once reviewing has begun the blind slice never shrinks below the lowest share in force. Answers with the project.",
    role: "LEAD",
    scope: "lead",
    writes: true,
    body: reviewSettingsSchema,
  },
  async ({ access, body }) => {
    await updateReviewSettings(access, body);
    return NextResponse.json(await getProject(access));
  },
);
