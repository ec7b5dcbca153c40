// The review hot path (claim, submit, undo) runs as raw SQL on the driver: through Prisma each of
// its ~25 queries cost more CPU than the database took to answer it. This is the one read they
// all start with: the caller's membership and the project's review settings, in one round trip.
import { AppError } from "@/lib/errors";
import type { SqlSession } from "@/lib/db/sql-session";
import type { ProjectRole, QueueOrder } from "@/lib/generated/prisma/enums";
import type { TaskType } from "@/lib/llm/output-schema";

export type ReviewContext = {
  role: ProjectRole;
  taskType: TaskType;
  reviewersPerItem: number;
  blindShare: number;
  queueOrder: QueueOrder;
  labels: string[];
};

/** SQL for a ReviewContext row, or none for a non-member, given the placeholders of the ids. */
export const reviewContextSelect = (projectParam: string, userParam: string) => `SELECT m.role, p."taskType", p."reviewersPerItem", p."blindShare", p."queueOrder",
    (SELECT coalesce(json_agg(l.name ORDER BY l.position), '[]'::json) FROM "Label" l WHERE l."projectId" = p.id) AS labels
  FROM "Membership" m JOIN "Project" p ON p.id = m."projectId"
  WHERE m."projectId" = ${projectParam} AND m."userId" = ${userParam}`;

/** NOT_FOUND for non-members, exactly as requireProjectRole: outsiders must not learn the project exists. */
export async function loadReviewContext(sql: SqlSession, userId: string, projectId: string): Promise<ReviewContext> {
  const rows = await sql.query<ReviewContext>(reviewContextSelect("$1", "$2"), [projectId, userId]);
  if (!rows.length) throw new AppError("NOT_FOUND", "Project not found.");
  return rows[0];
}
