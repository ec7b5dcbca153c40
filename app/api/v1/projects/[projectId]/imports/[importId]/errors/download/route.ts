// The rejected rows of an import as a CSV file (line, field, reason, content), to fix the file from.
import { z } from "zod";
import { idParam, projectRoute } from "@/lib/auth/route";
import { importErrorsCsv } from "@/lib/imports/queries";

export const GET = projectRoute(
  {
    file: "text/csv",
    description: "Downloads every kept rejected row of an import as CSV: line, field, reason and the start of the row's content.",
    role: "LEAD",
    scope: "read",
    params: z.object({ importId: idParam }),
  },
  async ({ access, params }) => {
    const rows = importErrorsCsv(access, params.importId);
    const first = await rows.next(); // the import is checked (404) before any byte is sent
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        if (!first.done) controller.enqueue(encoder.encode(first.value));
      },
      async pull(controller) {
        const next = await rows.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
    });
    return new Response(body, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="rejected-rows-${params.importId}.csv"`,
        "x-content-type-options": "nosniff",
        "cache-control": "no-store",
      },
    });
  },
);
