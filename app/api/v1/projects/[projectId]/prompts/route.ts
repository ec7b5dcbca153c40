// Prompt versions: the list (newest first) and a new version (a version is never edited).
import { NextResponse } from "next/server";
import { projectRoute } from "@/lib/auth/route";
import { createPromptVersion } from "@/lib/prompts/create-prompt-version";
import { listPromptVersions } from "@/lib/prompts/queries";
import { promptVersionSchema } from "@/lib/prompts/schemas";
import { promptListResponse, promptVersion } from "@/lib/api/responses";

export const GET = projectRoute(
  {
    description: "The project's prompt versions, newest first: model, strategy, instructions and settings (temperature, max tokens, votes, few-shot examples).",
    response: promptListResponse,
    role: "LEAD",
    scope: "read",
  },
  async ({ access }) => NextResponse.json({ versions: await listPromptVersions(access) }),
);

export const POST = projectRoute(
  {
    description:
      "Saves a new prompt version (model, strategy, instructions, settings). Versions are never edited: runs and figures stay tied to what was sent.",
    successStatus: 201,
    response: promptVersion,
    role: "LEAD",
    scope: "lead",
    writes: true,
    body: promptVersionSchema,
  },
  async ({ access, body }) => NextResponse.json(await createPromptVersion(access, body), { status: 201 }),
);
