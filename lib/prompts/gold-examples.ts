// Gold labels as few-shot candidates and as the "gold set only" selection. The review queue writes
// them; until items are reviewed a project has none, and few-shot prompts carry no examples.
import { pairOf } from "@/lib/pairwise/judge";
import { getDb } from "@/lib/db";
import type { GoldExample } from "@/lib/llm/few-shot";
import { parseValue } from "@/lib/values/value";

/** The most recent gold items (bounded: the index lives in the worker's memory for the run). */
export async function loadGoldExamples(projectId: string, limit = 2000): Promise<GoldExample[]> {
  const db = await getDb();
  const { taskType } = await db.project.findUniqueOrThrow({ where: { id: projectId }, select: { taskType: true } });
  const rows = await db.goldLabel.findMany({
    where: { projectId },
    orderBy: { updatedAt: "desc" },
    take: limit,
    select: { itemId: true, value: true, item: { select: { text: true, pair: { select: { responseA: true, responseB: true } } } } },
  });
  return rows.map((r) => ({ itemId: r.itemId, text: r.item.text, value: parseValue(taskType, r.value), pair: pairOf(r.item) }));
}
