// Stops a waiting or running export; its half-written file is deleted.
import { z } from "zod";
import { idParam, projectRoute } from "@/lib/auth/route";
import { cancelExport } from "@/lib/exports/exports";
import { okResponse } from "@/lib/api/responses";

export const POST = projectRoute(
  {
    response: okResponse,
    description: "Stops a waiting or running export; its half-written file is deleted.",
    role: "LEAD",
    scope: "lead",
    params: z.object({ exportId: idParam }),
  },
  async ({ access, params }) => {
    await cancelExport(access, params.exportId);
    return Response.json({ ok: true });
  },
);
