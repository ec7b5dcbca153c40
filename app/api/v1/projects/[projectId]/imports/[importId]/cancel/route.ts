// Stops a waiting or running import; the rows it wrote stay.
import { z } from "zod";
import { idParam, projectRoute } from "@/lib/auth/route";
import { cancelImport } from "@/lib/imports/cancel-import";
import { okResponse } from "@/lib/api/responses";

export const POST = projectRoute(
  {
    response: okResponse,
    description: "Stops a waiting or running import; the rows it already wrote stay.",
    role: "LEAD",
    scope: "lead",
    params: z.object({ importId: idParam }),
  },
  async ({ access, params }) => {
    await cancelImport(access, params.importId);
    return Response.json({ ok: true });
  },
);
