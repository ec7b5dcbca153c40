// Active learning: after each training, the learner scores every item still waiting for review
// (at most MAX_SCORED, the first by id) and LearnerQueue holds, per item, whether it disagrees with
// the LLM's latest suggestion and how sure it is. The review queue's learner orders walk it
// (lib/reviews/sql.ts, pickLearnerCandidate).
import { getDatabase } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { labelsOf } from "@/lib/learner/data";
import { sameLabels } from "@/lib/learner/evaluate";
import { loadLearner, predict, type LearnerFile } from "@/lib/learner/predict.mjs";
import { breathe } from "@/lib/learner/train";
import { taskTypeDef } from "@/lib/task-types";

export const MAX_SCORED = 200_000;
const PAGE = 2000;

/** How sure a prediction is: top minus next probability, or for several labels the least |2p - 1|. */
export function marginOf(probabilities: Record<string, number>, multiLabel: boolean): number {
  const p = Object.values(probabilities);
  if (multiLabel) return Math.min(...p.map((x) => Math.abs(2 * x - 1)));
  const [a, b = 0] = [...p].sort((x, y) => y - x);
  return a - b;
}

/** Rescores the waiting items with the learner and replaces the project's LearnerQueue rows. Returns how many it scored. */
export async function refreshLearnerQueue(projectId: string, file: LearnerFile): Promise<number> {
  const database = await getDatabase();
  const learner = loadLearner(file);
  const multi = taskTypeDef(file.taskType).field === "labels";
  const ids: number[] = [];
  const disagree: boolean[] = [];
  const margins: number[] = [];
  for (let after = 0; ids.length < MAX_SCORED;) {
    const page = await database.query<{ id: number; text: string; suggestion: unknown }>(
      sql`SELECT i.id, i.text,
                 (SELECT s.value FROM "Suggestion" s WHERE s."itemId" = i.id AND s.status = 'OK' ORDER BY s."createdAt" DESC LIMIT 1) AS suggestion
          FROM "Item" i WHERE i."projectId" = ${projectId} AND i."inQueue" AND i.id > ${after}
          ORDER BY i.id LIMIT ${Math.min(PAGE, MAX_SCORED - ids.length)}`,
    );
    for (const [k, row] of page.entries()) {
      if (k % 50 === 49) await breathe(); // a few ms of predictions at a time
      const p = predict(learner, row.text);
      const llm = labelsOf(row.suggestion);
      ids.push(Number(row.id));
      disagree.push(llm !== null && !sameLabels(llm, p.labels));
      margins.push(marginOf(p.probabilities, multi));
    }
    await breathe();
    if (page.length < PAGE) break;
    after = Number(page[page.length - 1].id);
  }
  await database.rawTransaction(async (tx) => {
    await tx.query(sql`DELETE FROM "LearnerQueue" WHERE "projectId" = ${projectId}`);
    for (let i = 0; i < ids.length; i += 10_000) {
      await tx.query(
        sql`INSERT INTO "LearnerQueue" ("itemId", "projectId", disagree, margin)
            SELECT u.id, ${projectId}, u.d, u.m FROM unnest(${ids.slice(i, i + 10_000)}::int[], ${disagree.slice(i, i + 10_000)}::boolean[], ${margins.slice(i, i + 10_000)}::float8[]) AS u(id, d, m)`,
      );
    }
  });
  return ids.length;
}
