// Two prompt versions on the same gold items: every figure side by side, the paired difference
// in accuracy with its interval, and the items where they disagree.
import { getDb } from "@/lib/db";
import { requireProjectRole } from "@/lib/auth/project-role";
import { AppError } from "@/lib/errors";
import type { TaskType } from "@/lib/llm/output-schema";
import { canonicalSql, sliceMetrics, sqlRunner } from "@/lib/metrics/queries";
import { pairedDifference } from "@/lib/metrics/stats";

export async function compareVersions(userId: string, projectId: string, baseId: string, candidateId: string) {
  await requireProjectRole(userId, projectId, "LEAD");
  const db = await getDb();
  const project = await db.project.findUniqueOrThrow({ where: { id: projectId }, select: { taskType: true, labels: { select: { name: true }, orderBy: { position: "asc" } } } });
  const versions = await db.promptVersion.findMany({ where: { projectId, id: { in: [baseId, candidateId] } }, select: { id: true, number: true, modelId: true, strategy: true } });
  const base = versions.find((v) => v.id === baseId);
  const candidate = versions.find((v) => v.id === candidateId);
  if (!base || !candidate) throw new AppError("NOT_FOUND", "Prompt version not found.");
  const taskType = project.taskType as TaskType;
  const labels = project.labels.map((l) => l.name);
  const sql = await sqlRunner();
  const canon = (v: string) => canonicalSql(taskType, v);
  // Gold as `g`: the copy each suggestion carries (see Suggestion.goldValue).
  const both = `FROM "Suggestion" a CROSS JOIN LATERAL (SELECT a."goldValue" AS value) g
    JOIN "Suggestion" b ON b."itemId" = a."itemId" AND b."promptVersionId" = $3 AND b.status = 'OK'
    WHERE a."projectId" = $1 AND a."promptVersionId" = $2 AND a.status = 'OK' AND a."goldValue" IS NOT NULL`;
  const [baseMetrics, candidateMetrics, paired, disagreements] = await Promise.all([
    sliceMetrics(sql, { projectId, versionId: baseId, alsoVersionId: candidateId, taskType, labels }),
    sliceMetrics(sql, { projectId, versionId: candidateId, alsoVersionId: baseId, taskType, labels }),
    sql<{ n: number; onlyBase: number; onlyCandidate: number }>(
      `SELECT count(*)::int AS n,
              (count(*) FILTER (WHERE ${canon("a.value")} = ${canon("g.value")} AND ${canon("b.value")} <> ${canon("g.value")}))::int AS "onlyBase",
              (count(*) FILTER (WHERE ${canon("a.value")} <> ${canon("g.value")} AND ${canon("b.value")} = ${canon("g.value")}))::int AS "onlyCandidate"
       ${both}`,
      projectId,
      baseId,
      candidateId,
    ),
    sql<{ itemId: number; externalId: string; text: string; gold: unknown; base: unknown; candidate: unknown }>(
      `SELECT i.id AS "itemId", i."externalId", left(i.text, 300) AS text, g.value AS gold, a.value AS base, b.value AS candidate
       ${both.replace(`WHERE a."projectId" = $1`, `JOIN "Item" i ON i.id = a."itemId" WHERE a."projectId" = $1`)} AND ${canon("a.value")} <> ${canon("b.value")}
       ORDER BY i.id LIMIT 50`,
      projectId,
      baseId,
      candidateId,
    ),
  ]);
  const p = paired[0];
  return { taskType, base, candidate, baseMetrics, candidateMetrics, accuracyDifference: pairedDifference(p.onlyBase, p.onlyCandidate, p.n), paired: p, disagreements };
}
