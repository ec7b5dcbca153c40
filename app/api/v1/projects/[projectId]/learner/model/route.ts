// Downloads the latest learner as a JSON file that lib/learner/predict.mjs loads (docs/learner.md).
import { z } from "zod";
import { projectRoute } from "@/lib/auth/route";
import { latestLearnerFile } from "@/lib/learner/service";

export const GET = projectRoute(
  {
    file: "application/json",
    description:
      "The latest trained learner as a JSON file (feature hashing settings, document frequencies, weights, label names, its score): ?which=gold (trained on human gold, the default) or distilled (trained on the LLM's labels). Load it with lib/learner/predict.mjs.",
    role: "LEAD",
    scope: "read",
    query: z.object({ which: z.enum(["gold", "distilled"]).default("gold") }),
  },
  async ({ access, query }) => {
    const { trainingId, file } = await latestLearnerFile(access, query.which);
    return new Response(JSON.stringify(file), {
      headers: { "content-type": "application/json", "content-disposition": `attachment; filename="learner-${query.which}-${trainingId}.json"` },
    });
  },
);
