// The audit log read back in words ("Ann labeled r01 positive"), with people's names and items'
// ids, not database ids and JSON. lib/audit/log.ts writes it.
import { getDb } from "@/lib/db";
import type { ProjectAccess } from "@/lib/auth/access";
import type { AuditKind } from "@/lib/audit/log";
import { describeValue } from "@/lib/values/value";

export type AuditEntry = Awaited<ReturnType<typeof listAuditEvents>>[number];

/** Newest first, keyset-paged by id; leads only. Each with who, which item, and what happened in words. */
export async function listAuditEvents(access: ProjectAccess, opts: { before?: number; itemId?: number; take?: number } = {}) {
  const db = await getDb();
  const events = await db.auditEvent.findMany({
    where: { projectId: access.projectId, ...(opts.before ? { id: { lt: opts.before } } : {}), ...(opts.itemId ? { itemId: opts.itemId } : {}) },
    orderBy: { id: "desc" },
    take: opts.take ?? 100,
  });
  const [actors, items] = await Promise.all([
    db.user.findMany({ where: { id: { in: [...new Set(events.flatMap((e) => (e.actorId ? [e.actorId] : [])))] } }, select: { id: true, name: true } }),
    db.item.findMany({
      where: { id: { in: [...new Set(events.flatMap((e) => (e.itemId === null ? [] : [e.itemId])))] } },
      select: { id: true, externalId: true },
    }),
  ]);
  const names = new Map(actors.map((a) => [a.id, a.name]));
  const externalIds = new Map(items.map((i) => [i.id, i.externalId]));
  return events.map((e) => ({
    ...e,
    actorName: e.actorId === null ? "Goldset" : (names.get(e.actorId) ?? "(removed user)"),
    itemExternalId: e.itemId === null ? null : (externalIds.get(e.itemId) ?? "(deleted item)"),
    summary: describeEvent(e.kind, e.data as Record<string, unknown>),
  }));
}

const ACTIONS: Record<string, string> = {
  ACCEPTED: "accepted the suggestion",
  CORRECTED: "corrected the suggestion to",
  LABELED: "labeled it",
  SKIPPED: "skipped it",
};

/** What happened, in words (without who and which item: the log shows those beside it). */
export function describeEvent(kind: AuditKind | string, d: Record<string, unknown>): string {
  const v = (x: unknown) => describeValue(x);
  switch (kind) {
    case "decision.created":
      return d.action === "SKIPPED"
        ? d.skipReason === "DISTRESS"
          ? "chose not to see it"
          : "skipped it"
        : `${ACTIONS[String(d.action)] ?? "decided"} ${v(d.value)}${d.blind ? " (blind)" : ""}`;
    case "decision.undone":
      return `undid their decision (${v(d.value)})`;
    case "decision.edited":
      return `changed their answer from ${v(d.from)} to ${v(d.to)}`;
    case "gold.adjudicated":
      return `ruled ${v(d.value)}${d.note ? `: “${String(d.note)}”` : ""}`;
    case "gold.ruling-undone":
      return `took back the ruling ${v(d.value)}`;
    case "gold.corrected":
      return `corrected the gold from ${v(d.from)} to ${v(d.to)}${d.reason ? `: “${String(d.reason)}”` : ""}`;
    case "label.renamed":
      return `renamed the label ${String(d.from)} to ${String(d.to)} (${Number(d.values ?? 0)} values carried along)`;
    case "label.merged":
      return `merged the label ${String(d.from)} into ${String(d.into)} (${Number(d.values ?? 0)} values)`;
    case "label.retired":
      return `retired the label ${String(d.name)} (kept on ${Number(d.values ?? 0)} values)`;
    case "label.deleted":
      return `deleted the unused label ${String(d.name)}`;
    case "autoaccept.applied":
      return `auto-accepted ${Number(d.accepted ?? 0).toLocaleString()} suggestions of version ${String(d.version)} ${d.perLabel ? "at each label's certified threshold" : `at a certified threshold of ${Math.round(Number(d.threshold) * 100)}%`} and kept ${Number(d.audited ?? 0).toLocaleString()} for the audit`;
    case "autoaccept.paused":
      return `paused auto-accept: ${String(d.reason)}`;
    case "autoaccept.resumed":
      return d.reason
        ? `resumed auto-accept: ${String(d.reason)}`
        : `resumed auto-accept: the audit since the pause found ${Number(d.errors ?? 0)} wrong of ${Number(d.audited ?? 0)}, within the budget`;
    case "autoaccept.sent-back":
      return `sent ${Number(d.items ?? 0).toLocaleString()} auto-accepted labels back to review`;
    case "alignment.proposed":
      return `asked ${String(d.model)} for a revision of version ${String(d.version)} from ${Number(d.corrections ?? 0)} corrections (round ${String(d.round)}, $${Number(d.costUsd ?? 0).toFixed(4)})`;
    case "alignment.tested":
      if (d.again)
        return `tested round ${String(d.round)}'s candidate again on the held-out gold as it is now (test ${String(d.look)}, at level ${Number(d.alpha)})`;
      return `tested round ${String(d.round)}'s candidate, version ${String(d.candidate)}, against version ${String(d.parent)} on held-out gold (test ${String(d.look)}, at level ${Number(d.alpha)})`;
    case "alignment.promoted":
      return `made version ${String(d.candidate)} the current prompt: on ${Number(d.n ?? 0)} held-out items it got ${Number(d.onlyCandidate ?? 0)} right that version ${String(d.parent)} got wrong, and ${Number(d.onlyParent ?? 0)} the other way (p = ${Number(d.pValue).toPrecision(2)})`;
    case "alignment.discarded":
      return `discarded round ${String(d.round)}'s proposal`;
    case "datasheet.updated":
      return `edited the datasheet's text${d.nameReviewers ? " (reviewers are named in it)" : ""}`;
    default:
      return kind;
  }
}
