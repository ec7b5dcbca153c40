// The one writer of the audit log. Every kind the app writes is listed here (the union is made
// from this list, and a test reads the code for kinds written anywhere else). An event is written
// in the same transaction as the change it records, whichever kind of transaction that is: the
// writer is a statement, run by the caller's transaction, or a part of the caller's own statement
// (the review hot path writes a decision and its event in one round trip).
import { sql, type Sql } from "@/lib/db/sql";
import type { SqlSession } from "@/lib/db/sql-session";

export const AUDIT_KINDS = [
  "decision.created",
  "decision.undone",
  "decision.edited",
  "gold.adjudicated",
  "gold.ruling-undone",
  "gold.corrected",
  "label.renamed",
  "label.merged",
  "label.retired",
  "label.deleted",
  "autoaccept.applied",
  "autoaccept.paused",
  "autoaccept.resumed",
  "autoaccept.sent-back",
  "alignment.proposed",
  "alignment.tested",
  "alignment.promoted",
  "alignment.discarded",
  "datasheet.updated",
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

/** actorId null: Goldset itself acted (auto-accept after a run, the audit check pausing it). */
export type AuditEventInput = { projectId: string; actorId: string | null; itemId: number | null; kind: AuditKind; data: object };

/** The statement that records one event. */
export const auditInsert = (e: AuditEventInput): Sql =>
  sql`INSERT INTO "AuditEvent" ("projectId", "actorId", "itemId", kind, data)
      VALUES (${e.projectId}, ${e.actorId}, ${e.itemId}, ${e.kind}::text, ${JSON.stringify(e.data)}::jsonb)`;

/**
 * The statement that records one event per row of `rows`, a query giving (projectId, actorId,
 * itemId, data) in that order: for a statement that writes its change and its event together.
 */
export const auditInsertFrom = (kind: AuditKind, rows: Sql): Sql =>
  sql`INSERT INTO "AuditEvent" ("projectId", "actorId", "itemId", kind, data)
      SELECT e.p, e.a, e.i, ${kind}::text, e.d FROM (${rows}) AS e(p, a, i, d)`;

/** Records one event in the caller's transaction. */
export async function logAuditEvent(tx: SqlSession, e: AuditEventInput): Promise<void> {
  await tx.query(auditInsert(e));
}
