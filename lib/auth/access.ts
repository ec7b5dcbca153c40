// Who may do what, resolved once at the boundary (convention 11). The route and action wrappers
// (lib/auth/route.ts, lib/auth/action.ts) and the page loader (lib/auth/page-access.ts) turn a
// session or a token into a `ProjectAccess`, and `lib` functions take that value instead of a bare
// user id: the type can only be made here, after the membership check, so the compiler shows that
// every call into `lib` was authorized. Outsiders get NOT_FOUND, never FORBIDDEN: they must not
// learn that a project exists.
import { getDatabase } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { AppError } from "@/lib/errors";
import type { ProjectRole, QueueOrder, TaskType } from "@/lib/generated/prisma/enums";
import type { Scales } from "@/lib/task-types";

declare const granted: unique symbol;

/** What the caller is: a signed-in user, through their session or one of their API tokens. */
export type Caller = Readonly<{
  userId: string;
  email: string;
  name: string;
  isAdmin: boolean;
  /** Set for API tokens: what the token may do (a token never does more than its user). */
  tokenScopes: readonly TokenScope[] | null;
}> & { readonly [granted]: true };

export const TOKEN_SCOPES = ["read", "review", "lead"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** The project's settings every request needs, read in the same round trip as the membership. */
export type ProjectSettings = Readonly<{
  name: string;
  taskType: TaskType;
  reviewersPerItem: number;
  blindShare: number;
  /** Auto-accept's audit share: the queue serves audit items with this probability in ordered queues. */
  auditShare: number;
  queueOrder: QueueOrder;
  /** Active labels in their order; retired labels are not offered to people or the model. */
  labels: readonly string[];
  /** RATING: the active criteria's scales (lib/task-types/rating); empty for other types. */
  scales: Scales;
  archived: boolean;
  /** Items a reviewer may review a day (lib/reviews/care.ts); null: no cap. */
  dailyCap: number | null;
}>;

export type ProjectAccess = Readonly<{
  userId: string;
  projectId: string;
  role: ProjectRole;
  project: ProjectSettings;
}> & { readonly [granted]: true };

export type Need = {
  role: ProjectRole;
  /** The call changes the project: refused on archived projects (they are read-only). */
  writes?: boolean;
};

export function makeCaller(user: { id: string; email: string; name: string; isAdmin: boolean }, tokenScopes: readonly TokenScope[] | null = null): Caller {
  return { userId: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin, tokenScopes } as unknown as Caller;
}

type AccessRow = {
  role: ProjectRole;
  name: string;
  taskType: TaskType;
  reviewersPerItem: number;
  blindShare: number;
  auditShare: number;
  queueOrder: QueueOrder;
  labels: string[];
  scales: Scales;
  archived: boolean;
  dailyCap: number | null;
};

/** The caller's membership and the project's settings, in one round trip; null for non-members. */
async function loadAccessRow(userId: string, projectId: string): Promise<AccessRow | null> {
  const database = await getDatabase();
  const rows = await database.query<AccessRow>(
    sql`SELECT m.role, p.name, p."taskType", p."reviewersPerItem", p."blindShare", p."auditShare", p."queueOrder", p."archivedAt" IS NOT NULL AS archived, p."dailyCap",
               (SELECT coalesce(json_agg(l.name ORDER BY l.position), '[]'::json) FROM "Label" l WHERE l."projectId" = p.id AND l."retiredAt" IS NULL) AS labels,
               (SELECT coalesce(json_object_agg(l.name, l.scale), '{}'::json) FROM "Label" l WHERE l."projectId" = p.id AND l."retiredAt" IS NULL AND l.scale IS NOT NULL) AS scales
        FROM "Membership" m JOIN "Project" p ON p.id = m."projectId"
        WHERE m."projectId" = ${projectId} AND m."userId" = ${userId}`,
    { prepare: true },
  );
  return rows[0] ?? null;
}

/** Throws NOT_FOUND for non-members, FORBIDDEN when an annotator needs to be a lead, CONFLICT for writes to an archived project. */
export async function resolveProjectAccess(caller: Caller, projectId: string, need: Need): Promise<ProjectAccess> {
  // Ids are cuids; anything else cannot be a project and must not reach the database.
  if (typeof projectId !== "string" || !/^[a-z0-9]{1,40}$/i.test(projectId)) throw new AppError("NOT_FOUND", "Project not found.");
  const row = await loadAccessRow(caller.userId, projectId);
  if (!row) throw new AppError("NOT_FOUND", "Project not found.");
  if (need.role === "LEAD" && row.role !== "LEAD") throw new AppError("FORBIDDEN", "Only project leads can do this.");
  if (need.writes && row.archived) throw new AppError("CONFLICT", "This project is archived and read-only. A lead can restore it in Settings.");
  const { role, ...project } = row;
  return {
    userId: caller.userId,
    projectId,
    role,
    project: { ...project, blindShare: Number(project.blindShare), auditShare: Number(project.auditShare) },
  } as unknown as ProjectAccess;
}

/** For background jobs acting for the person who started them (a run, an import): their access now. */
export async function accessOfUser(userId: string, projectId: string, need: Need): Promise<ProjectAccess> {
  const database = await getDatabase();
  const [user] = await database.query<{ id: string; email: string; name: string; isAdmin: boolean }>(
    sql`SELECT id, email, name, "isAdmin" FROM "User" WHERE id = ${userId}`,
  );
  if (!user) throw new AppError("NOT_FOUND", "Project not found.");
  return resolveProjectAccess(makeCaller(user), projectId, need);
}
