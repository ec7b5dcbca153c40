// The audit log: written in the same transaction as the change it records.
import type { Prisma } from "@/lib/generated/prisma/client";
import { getDb } from "@/lib/db";
import type { ProjectAccess } from "@/lib/auth/access";

export type AuditKind =
  | "decision.created"
  | "decision.undone"
  | "decision.edited"
  | "gold.adjudicated"
  | "label.renamed"
  | "label.merged"
  | "label.retired"
  | "label.deleted";

export async function audit(tx: Prisma.TransactionClient, e: { projectId: string; actorId: string; itemId: number | null; kind: AuditKind; data: object }) {
  await tx.auditEvent.create({ data: e });
}

/** Newest first, keyset-paged by id; leads only. */
export async function listAuditEvents(access: ProjectAccess, before?: number) {
  const db = await getDb();
  const events = await db.auditEvent.findMany({
    where: { projectId: access.projectId, ...(before ? { id: { lt: before } } : {}) },
    orderBy: { id: "desc" },
    take: 100,
  });
  const actors = await db.user.findMany({ where: { id: { in: [...new Set(events.map((e) => e.actorId))] } }, select: { id: true, name: true } });
  const names = new Map(actors.map((a) => [a.id, a.name]));
  return events.map((e) => ({ ...e, actorName: names.get(e.actorId) ?? "(removed user)" }));
}
