// One prompt version.
import { NextResponse } from "next/server";
import { z } from "zod";
import { idParam, projectRoute } from "@/lib/auth/route";
import { AppError } from "@/lib/errors";
import { listPromptVersions } from "@/lib/prompts/queries";
import { promptVersion } from "@/lib/api/responses";

export const GET = projectRoute(
  {
    response: promptVersion,
    description: "One prompt version: model, strategy, instructions, settings, who made it and when.",
    role: "LEAD",
    scope: "read",
    params: z.object({ versionId: idParam }),
  },
  async ({ access, params }) => {
    const version = (await listPromptVersions(access)).find((v) => v.id === params.versionId);
    if (!version) throw new AppError("NOT_FOUND", "Prompt version not found.");
    return NextResponse.json(version);
  },
);
