// Disagreements among reviewers wait here for a lead, who sees every decision and the model's
// suggestion side by side and rules, with a note if they like. The ruling is the item's gold
// (source ADJUDICATION), audited; the lead's last ruling can be taken back, and the item waits
// for a ruling again.
import { getDatabase, getDb } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import type { SqlSession } from "@/lib/db/sql-session";
import { lockItem, withdrawRuling, writeLeadGold, type LockedItem } from "@/lib/gold/sql";
import { AppError, fieldErrorsFrom } from "@/lib/errors";
import type { ProjectAccess } from "@/lib/auth/access";
import { decisionValueSchema } from "@/lib/values/schema";
import { logAuditEvent } from "@/lib/audit/log";

export type AdjudicationItem = Awaited<ReturnType<typeof listAdjudications>>[number];

export async function listAdjudications(access: ProjectAccess) {
  const db = await getDb();
  const items = await db.item.findMany({
    where: { projectId: access.projectId, needsAdjudication: true },
    orderBy: { id: "asc" },
    take: 50,
    select: {
      id: true,
      externalId: true,
      text: true,
      pair: { select: { responseA: true, responseB: true } },
      image: { select: { sha256: true, width: true, height: true, path: true } },
      decisions: {
        where: { action: { not: "SKIPPED" } },
        orderBy: { createdAt: "asc" },
        select: { annotatorId: true, value: true, blind: true, action: true },
      },
    },
  });
  const ids = items.map((i) => i.id);
  const [people, suggestions] = await Promise.all([
    db.user.findMany({ where: { id: { in: [...new Set(items.flatMap((i) => i.decisions.map((d) => d.annotatorId)))] } }, select: { id: true, name: true } }),
    db.suggestion.findMany({
      where: { itemId: { in: ids }, status: "OK" },
      orderBy: { createdAt: "desc" },
      select: { itemId: true, value: true, confidence: true },
    }),
  ]);
  const names = new Map(people.map((p) => [p.id, p.name]));
  const latest = new Map<number, { value: unknown; confidence: number | null }>();
  for (const s of suggestions) if (!latest.has(s.itemId)) latest.set(s.itemId, { value: s.value, confidence: s.confidence });
  return items.map((i) => ({
    ...i,
    suggestion: latest.get(i.id) ?? null,
    decisions: i.decisions.map((d) => ({ ...d, annotatorName: names.get(d.annotatorId) ?? "(removed user)" })),
  }));
}

export async function adjudicate(access: ProjectAccess, itemId: number, value: unknown, note = "") {
  const database = await getDatabase();
  await database.rawTransaction(async (tx) => {
    const item = await lockProjectItem(tx, access, itemId);
    if (!item.needsAdjudication) throw new AppError("CONFLICT", "This item has been ruled on already (or its reviewers changed their answers).");
    const v = decisionValueSchema(access.project.taskType, access.project.labels, item.text, access.project.scales).safeParse(value);
    if (!v.success) throw new AppError("VALIDATION", "The value does not fit the project's labels or the item's text.", fieldErrorsFrom(v.error.issues));
    // Blind when the reviewers it settles were: the lead rules between their values, not the model's.
    // An audit item's gold is the audit's own slice, never blind gold (lib/gold/auto-accept.ts).
    const auditItem = item.autoAudit;
    const [seen] = await tx.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM "Decision" WHERE "itemId" = ${item.id} AND action <> 'SKIPPED' AND NOT blind`,
    );
    const blind = !auditItem && Number(seen.n) === 0;
    await tx.query(writeLeadGold({ itemId: item.id, projectId: access.projectId, value: v.data, source: "ADJUDICATION", blind, audit: auditItem }));
    await logAuditEvent(tx, {
      projectId: access.projectId,
      actorId: access.userId,
      itemId: item.id,
      kind: "gold.adjudicated",
      data: { value: v.data, ...(note.trim() ? { note: note.trim() } : {}) },
    });
  });
}

/** Takes back this lead's last ruling, if its gold still stands as ruled: the item waits for a ruling again. */
export async function undoLastRuling(access: ProjectAccess): Promise<{ itemId: number; externalId: string; value: unknown }> {
  const database = await getDatabase();
  return database.rawTransaction(async (tx) => {
    const [last] = await tx.query<{ kind: string; itemId: number | null; data: { value?: unknown } }>(
      sql`SELECT kind, "itemId", data FROM "AuditEvent"
          WHERE "projectId" = ${access.projectId} AND "actorId" = ${access.userId} AND kind IN ('gold.adjudicated', 'gold.ruling-undone')
          ORDER BY id DESC LIMIT 1`,
    );
    if (!last || last.kind !== "gold.adjudicated" || last.itemId === null) throw new AppError("CONFLICT", "You have no ruling to take back.");
    const item = await lockProjectItem(tx, access, Number(last.itemId));
    const [gold] = await tx.query<{ source: string; value: unknown }>(sql`SELECT source::text AS source, value FROM "GoldLabel" WHERE "itemId" = ${item.id}`);
    const ruled = last.data.value;
    if (!gold || gold.source !== "ADJUDICATION" || JSON.stringify(gold.value) !== JSON.stringify(ruled)) {
      throw new AppError("CONFLICT", "That item's gold has changed since your ruling; change it on the item's page instead.");
    }
    await tx.query(withdrawRuling(item.id));
    await logAuditEvent(tx, { projectId: access.projectId, actorId: access.userId, itemId: item.id, kind: "gold.ruling-undone", data: { value: ruled } });
    return { itemId: item.id, externalId: item.externalId, value: ruled };
  });
}

/** The project's latest rulings, newest first, with their items (the "resolved" list). */
export async function recentRulings(access: ProjectAccess, take = 20) {
  const db = await getDb();
  const events = await db.auditEvent.findMany({ where: { projectId: access.projectId, kind: "gold.adjudicated" }, orderBy: { id: "desc" }, take });
  const [items, people] = await Promise.all([
    db.item.findMany({
      where: { id: { in: events.flatMap((e) => (e.itemId === null ? [] : [e.itemId])) } },
      select: { id: true, externalId: true, gold: { select: { value: true, source: true } } },
    }),
    db.user.findMany({ where: { id: { in: [...new Set(events.flatMap((e) => (e.actorId ? [e.actorId] : [])))] } }, select: { id: true, name: true } }),
  ]);
  const byId = new Map(items.map((i) => [i.id, i]));
  const names = new Map(people.map((p) => [p.id, p.name]));
  return events.map((e) => {
    const data = e.data as { value?: unknown; note?: string };
    const item = e.itemId === null ? undefined : byId.get(e.itemId);
    return {
      id: e.id,
      itemId: e.itemId,
      externalId: item?.externalId ?? "(deleted item)",
      value: data.value,
      note: data.note ?? null,
      by: (e.actorId && names.get(e.actorId)) || "(removed user)",
      at: e.createdAt,
      // Still the item's gold? (it may since have been undone or corrected)
      standing: item?.gold?.source === "ADJUDICATION" && JSON.stringify(item.gold.value) === JSON.stringify(data.value),
    };
  });
}

/** The item, locked, if it is the project's (an id from another project is "not found", like a missing one). */
export async function lockProjectItem(tx: SqlSession, access: ProjectAccess, itemId: number): Promise<LockedItem> {
  const [item] = await tx.query<LockedItem>(lockItem(itemId));
  if (!item || item.projectId !== access.projectId) throw new AppError("NOT_FOUND", "Item not found.");
  return item;
}
