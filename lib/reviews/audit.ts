// The audit log: written in the same transaction as the change it records.
import type { Prisma } from "@/lib/generated/prisma/client";
import { getDb } from "@/lib/db";
import { requireProjectRole } from "@/lib/auth/project-role";

export type AuditKind = "decision.created" | "decision.undone" | "decision.edited" | "gold.adjudicated";

export async function audit(tx: Prisma.TransactionClient, e: { projectId: string; actorId: string; itemId: number | null; kind: AuditKind; data: object }) {
  await tx.auditEvent.create({ data: e });
}

/** Newest first, keyset-paged by id; leads only. */
export async function listAuditEvents(userId: string, projectId: string, before?: number) {
  await requireProjectRole(userId, projectId, "LEAD");
  const db = await getDb();
  const events = await db.auditEvent.findMany({
    where: { projectId, ...(before ? { id: { lt: before } } : {}) },
    orderBy: { id: "desc" },
    take: 100,
  });
  const actors = await db.user.findMany({ where: { id: { in: [...new Set(events.map((e) => e.actorId))] } }, select: { id: true, name: true } });
  const names = new Map(actors.map((a) => [a.id, a.name]));
  return events.map((e) => ({ ...e, actorName: names.get(e.actorId) ?? "(removed user)" }));
}
