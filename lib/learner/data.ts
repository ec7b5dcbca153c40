// What the learner trains and is scored on, read from the project: human gold (never AUTO gold,
// which is the LLM's own answer), and the LLM's latest good suggestion on items without human gold.
import { sql } from "@/lib/db/sql";
import type { SqlSession } from "@/lib/db/sql-session";
import type { Keyed } from "@/lib/learner/evaluate";

/** The most items the distilled learner trains on (the first by id): memory and time stay bounded. */
export const MAX_LLM_ITEMS = 20_000;

/** Label names of a stored value: { label } for one label per item, { labels } for several; null for an odd value. */
export function labelsOf(value: unknown): string[] | null {
  if (!value || typeof value !== "object") return null;
  const v = value as { label?: unknown; labels?: unknown };
  if (typeof v.label === "string") return [v.label];
  if (Array.isArray(v.labels)) return v.labels.filter((l): l is string => typeof l === "string");
  return null;
}

export type GoldItem = Keyed & { blind: boolean; llm: string[] | null };

/** Human gold with whether it is blind, and the LLM's latest good suggestion on the item (for the scoreboard). */
export async function humanGold(tx: SqlSession, projectId: string): Promise<GoldItem[]> {
  const rows = await tx.query<{ itemId: number; text: string; value: unknown; blind: boolean; suggestion: unknown }>(
    sql`SELECT i.id AS "itemId", i.text, g.value, g.blind,
               (SELECT s.value FROM "Suggestion" s WHERE s."itemId" = i.id AND s.status = 'OK' ORDER BY s."createdAt" DESC LIMIT 1) AS suggestion
        FROM "GoldLabel" g JOIN "Item" i ON i.id = g."itemId"
        WHERE g."projectId" = ${projectId} AND g.source <> 'AUTO'
        ORDER BY i.id`,
  );
  return rows.flatMap((r) => {
    const labels = labelsOf(r.value);
    return labels ? [{ itemId: Number(r.itemId), text: r.text, labels, blind: r.blind, llm: labelsOf(r.suggestion) }] : [];
  });
}

/** The LLM's labels on items without human gold (AUTO gold is the LLM's answer, so those count here). */
export async function llmLabeled(tx: SqlSession, projectId: string): Promise<Keyed[]> {
  const rows = await tx.query<{ itemId: number; text: string; value: unknown }>(
    sql`SELECT i.id AS "itemId", i.text, s.value
        FROM "Item" i
        JOIN LATERAL (SELECT value FROM "Suggestion" s WHERE s."itemId" = i.id AND s.status = 'OK' ORDER BY s."createdAt" DESC LIMIT 1) s ON true
        WHERE i."projectId" = ${projectId}
          AND NOT EXISTS (SELECT 1 FROM "GoldLabel" g WHERE g."itemId" = i.id AND g.source <> 'AUTO')
        ORDER BY i.id LIMIT ${MAX_LLM_ITEMS}`,
  );
  return rows.flatMap((r) => {
    const labels = labelsOf(r.value);
    return labels ? [{ itemId: Number(r.itemId), text: r.text, labels }] : [];
  });
}
