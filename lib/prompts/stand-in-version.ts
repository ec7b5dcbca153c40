// Prompt versions that stand for answers not made by a prompt: the task learner's (the cascade) and
// another model's imported predictions. Their suggestions sit beside Claude's, so Quality and
// Compare score them the same way; they have no prompt, so runs refuse them and the prompt list
// leaves them out. One per learner training or per source name, made on first use.
import { getDb } from "@/lib/db";

/** The stand-in prompt version whose suggestions are synthetic items' intended labels. */
export const SYNTHESIS_SOURCE = "intended label (synthesis)";

export type StandIn = { kind: "learner"; trainingId: string; modelId: string } | { kind: "external"; source: string };

export async function standInVersion(projectId: string, createdById: string, who: StandIn): Promise<string> {
  const db = await getDb();
  const where = who.kind === "learner" ? { projectId, learnerTrainingId: who.trainingId } : { projectId, externalSource: who.source };
  for (let attempt = 0; ; attempt++) {
    const existing = await db.promptVersion.findFirst({ where, select: { id: true } });
    if (existing) return existing.id;
    const last = await db.promptVersion.findFirst({ where: { projectId }, orderBy: { number: "desc" }, select: { number: true } });
    try {
      const v = await db.promptVersion.create({
        data: {
          ...where,
          number: (last?.number ?? 0) + 1,
          modelId: who.kind === "learner" ? who.modelId : who.source,
          strategy: "ZERO_SHOT",
          instructions:
            who.kind === "learner"
              ? `Answers of the task learner trained in ${who.trainingId} (the cascade), not a prompt.`
              : `Predictions of "${who.source}", imported with the items, not a prompt.`,
          settings: {},
          createdById,
        },
        select: { id: true },
      });
      return v.id;
    } catch (err) {
      if (attempt >= 2) throw err; // another writer took the number (or made this version): look again
    }
  }
}
