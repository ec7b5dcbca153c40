// Two prompt versions on the same gold items: every figure side by side, the paired difference
// in accuracy with its interval, and the items where they disagree.
import { getDb } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import type { ProjectAccess } from "@/lib/auth/access";
import { AppError } from "@/lib/errors";
import type { TaskType } from "@/lib/values/value";
import { canonicalSql } from "@/lib/gold/canonical";
import { sliceMetrics, sqlRunner } from "@/lib/metrics/queries";
import { pairedDifference } from "@/lib/stats/measures";

export async function compareVersions(access: ProjectAccess, baseId: string, candidateId: string) {
  const projectId = access.projectId;
  const db = await getDb();
  const project = await db.project.findUniqueOrThrow({
    where: { id: projectId },
    select: { taskType: true, labels: { select: { name: true }, orderBy: { position: "asc" } } },
  });
  const versions = await db.promptVersion.findMany({
    where: { projectId, id: { in: [baseId, candidateId] } },
    select: { id: true, number: true, modelId: true, strategy: true },
  });
  const base = versions.find((v) => v.id === baseId);
  const candidate = versions.find((v) => v.id === candidateId);
  if (!base || !candidate) throw new AppError("NOT_FOUND", "Prompt version not found.");
  const taskType = project.taskType as TaskType;
  const labels = project.labels.map((l) => l.name);
  const run = await sqlRunner();
  const [a, b, g] = [canonicalSql(taskType, sql`a.value`), canonicalSql(taskType, sql`b.value`), canonicalSql(taskType, sql`g.value`)];
  // Gold as `g`: the copy each suggestion carries (see Suggestion.goldValue).
  const both = (withItem: boolean) => sql`FROM "Suggestion" a CROSS JOIN LATERAL (SELECT a."goldValue" AS value) g
    JOIN "Suggestion" b ON b."itemId" = a."itemId" AND b."promptVersionId" = ${candidateId} AND b.status = 'OK'
    ${withItem ? sql`JOIN "Item" i ON i.id = a."itemId"` : sql``}
    WHERE a."projectId" = ${projectId} AND a."promptVersionId" = ${baseId} AND a.status = 'OK' AND a."goldValue" IS NOT NULL`;
  const [baseMetrics, candidateMetrics, paired, disagreements] = await Promise.all([
    sliceMetrics(run, { projectId, versionId: baseId, alsoVersionId: candidateId, taskType, labels }),
    sliceMetrics(run, { projectId, versionId: candidateId, alsoVersionId: baseId, taskType, labels }),
    run<{ n: number; onlyBase: number; onlyCandidate: number }>(
      sql`SELECT count(*)::int AS n,
              (count(*) FILTER (WHERE ${a} = ${g} AND ${b} <> ${g}))::int AS "onlyBase",
              (count(*) FILTER (WHERE ${a} <> ${g} AND ${b} = ${g}))::int AS "onlyCandidate"
       ${both(false)}`,
    ),
    run<{ itemId: number; externalId: string; text: string; gold: unknown; base: unknown; candidate: unknown }>(
      sql`SELECT i.id AS "itemId", i."externalId", left(i.text, 300) AS text, g.value AS gold, a.value AS base, b.value AS candidate
       ${both(true)} AND ${a} <> ${b}
       ORDER BY i.id LIMIT 50`,
    ),
  ]);
  const p = paired[0];
  return {
    taskType,
    base,
    candidate,
    baseMetrics,
    candidateMetrics,
    accuracyDifference: pairedDifference(p.onlyBase, p.onlyCandidate, p.n),
    paired: p,
    disagreements,
  };
}
