// Starts a failed export again, from an empty file.
import { z } from "zod";
import { idParam, projectRoute } from "@/lib/auth/route";
import { retryExport } from "@/lib/exports/exports";
import { okResponse } from "@/lib/api/responses";

export const POST = projectRoute(
  {
    response: okResponse,
    description: "Starts a failed export again, from scratch.",
    successStatus: 202,
    role: "LEAD",
    scope: "lead",
    params: z.object({ exportId: idParam }),
  },
  async ({ access, params }) => {
    await retryExport(access, params.exportId);
    return Response.json({ ok: true }, { status: 202 });
  },
);
