// Quality by slice as JSON (leads): ?field=<metadata key | @length | @month | @import>&version=&on=all|blind.
import { NextResponse } from "next/server";
import { z } from "zod";
import { idParam, projectRoute } from "@/lib/auth/route";
import { FIELD_MAX, qualityByField, sliceFields } from "@/lib/metrics/by-field";
import { qualityByFieldResponse } from "@/lib/api/responses";

export const GET = projectRoute(
  {
    description:
      "The model's accuracy and people's agreement by slice of one field of the items (a metadata key, or `@length`, `@month`, `@import`), each slice with its interval and size, tested against the rest (Fisher's exact test, one-sided, Holm-corrected over the slices); and the blind slice's make-up against the project's on the same field. `fields` lists what the project can be sliced by.",
    response: qualityByFieldResponse,
    role: "LEAD",
    scope: "read",
    query: z.object({
      field: z.string().min(1).max(FIELD_MAX).default("@length"),
      version: idParam.optional(),
      on: z.enum(["all", "blind"]).default("all"),
    }),
  },
  async ({ access, query }) => {
    const [fields, report] = await Promise.all([
      sliceFields(access.projectId),
      qualityByField(access, query.field, { versionId: query.version, on: query.on }),
    ]);
    return NextResponse.json({ ...report, fields });
  },
);
