// Prompt versions as the Quality and Compare pages list them: with their strategy and how many
// items each labeled, so a lead picks by what was measured rather than by number.
import { getDb } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import type { SqlSession } from "@/lib/db/sql-session";
import { SYNTHESIS_SOURCE } from "@/lib/prompts/stand-in-version";
import { STRATEGY_SHORT_NAMES } from "@/lib/prompts/schemas";

/**
 * external: the source name of a version that holds another model's imported predictions.
 * trial / proposed: a version proposed from corrections (lib/alignment), still a candidate under test or not.
 */
export type VersionSummary = {
  id: string;
  number: number;
  modelId: string;
  strategy: string;
  labeled: number;
  external: string | null;
  trial?: boolean;
  proposed?: boolean;
};

/**
 * Newest first; each count is an index-only scan of (projectId, promptVersionId, status). `tx`:
 * inside a transaction (on PGlite, the one connection the transaction holds).
 */
/** The model id of a task learner's stand-in version (lib/runs/cascade.ts). */
export const LEARNER_MODEL = "goldset-learner";

export async function versionSummaries(projectId: string, tx?: SqlSession): Promise<VersionSummary[]> {
  const statement = sql`SELECT v.id, v.number, v."modelId", v.strategy::text AS strategy, v."externalSource" AS external, v.trial,
               coalesce(v.provenance->>'kind' = 'proposed-from-corrections', false) AS proposed,
               (SELECT count(*) FROM "Suggestion" s WHERE s."projectId" = ${projectId} AND s."promptVersionId" = v.id AND s.status = 'OK')::int AS labeled
        FROM "PromptVersion" v WHERE v."projectId" = ${projectId} ORDER BY v.number DESC`;
  if (tx) return tx.query<VersionSummary>(statement);
  return (await getDb()).$queryRaw<VersionSummary[]>(statement);
}

/**
 * The versions that labeled the most items first (the newest among equals), the LLM's before
 * stand-ins (a task learner's, imported predictions); none if nothing was labeled.
 */
export function byItemsLabeled(versions: VersionSummary[]): VersionSummary[] {
  const standIn = (v: VersionSummary) => Number(v.modelId === LEARNER_MODEL || v.external !== null);
  return versions.filter((v) => v.labeled > 0).sort((a, b) => standIn(a) - standIn(b) || b.labeled - a.labeled || b.number - a.number);
}

export function versionLabel(v: VersionSummary): string {
  if (v.modelId === LEARNER_MODEL) return `v${v.number} · task learner (cascade) · ${v.labeled.toLocaleString()} items`;
  if (v.external === SYNTHESIS_SOURCE) return `v${v.number} · synthesis: the intended labels of synthetic items · ${v.labeled.toLocaleString()} items`;
  if (v.external !== null) return `v${v.number} · imported predictions · ${v.external} · ${v.labeled.toLocaleString()} items`;
  const origin = v.trial ? " · candidate proposed from corrections" : v.proposed ? " · proposed from corrections" : "";
  return `v${v.number} · ${STRATEGY_SHORT_NAMES[v.strategy] ?? v.strategy.toLowerCase()} · ${v.modelId}${origin} · ${v.labeled.toLocaleString()} items`;
}
