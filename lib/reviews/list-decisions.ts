// Decisions for the API, newest first, keyset-paged on (createdAt, id): one annotator's (walks
// the (projectId, annotatorId, createdAt) index) or one item's (the itemId index). Annotators only
// ever see their own: reviews stay independent.
import { getDatabase } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import type { ProjectAccess } from "@/lib/auth/access";
import { AppError } from "@/lib/errors";
import { DECISION_COLUMNS } from "@/lib/reviews/sql";

export type DecisionFilter = { annotatorId?: string; itemId?: number; cursor?: string; limit: number };
type Row = {
  id: string;
  itemId: number;
  annotatorId: string;
  action: string;
  value: unknown;
  blind: boolean;
  seconds: number | null;
  version: number;
  createdAt: Date;
};

/**
 * The cursor of a page's last decision, opaque to clients: its createdAt as the database wrote it
 * (text, so no time zone ever shifts it) and its id.
 */
const encode = (at: string, id: string) => Buffer.from(JSON.stringify([at, id])).toString("base64url");
function decode(cursor: string): [string, string] {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [string, string];
    if (typeof at !== "string" || !isTimestamp(at) || typeof id !== "string" || id.length > 64) throw new Error();
    return [at, id];
  } catch {
    throw new AppError("VALIDATION", "Not a cursor this API gave.", { cursor: "Use the `next` link of the previous page" });
  }
}

/** "YYYY-MM-DD hh:mm:ss[.ffffff]" naming a real instant (not 2026-13-45 99:99:99, which the database would refuse). */
function isTimestamp(at: string): boolean {
  const m = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(\.\d{1,6})?$/.exec(at);
  if (!m) return false;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  const t = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return (
    y >= 1 &&
    t.getUTCFullYear() === y &&
    t.getUTCMonth() === mo - 1 &&
    t.getUTCDate() === d &&
    t.getUTCHours() === h &&
    t.getUTCMinutes() === mi &&
    t.getUTCSeconds() === s
  );
}

export async function listDecisions(access: ProjectAccess, f: DecisionFilter): Promise<{ decisions: Row[]; nextCursor: string | null }> {
  const annotatorId = access.role === "LEAD" ? f.annotatorId : access.userId;
  if (!annotatorId && f.itemId === undefined)
    throw new AppError("VALIDATION", "Say whose decisions (annotator) or on which item (item).", { annotator: "annotator or item is required" });
  const after = f.cursor ? decode(f.cursor) : null;
  const db = await getDatabase();
  const rows = await db.query<Row & { cursorAt: string }>(
    sql`SELECT ${DECISION_COLUMNS}, "createdAt"::text AS "cursorAt" FROM "Decision"
        WHERE "projectId" = ${access.projectId}
          ${annotatorId ? sql`AND "annotatorId" = ${annotatorId}` : sql``}
          ${f.itemId !== undefined ? sql`AND "itemId" = ${f.itemId}` : sql``}
          ${after ? sql`AND ("createdAt", id) < (${after[0]}::timestamp, ${after[1]})` : sql``}
        ORDER BY "createdAt" DESC, id DESC
        LIMIT ${f.limit + 1}`,
  );
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return { decisions: page.map(({ cursorAt, ...d }) => (void cursorAt, d)), nextCursor: rows.length > f.limit ? encode(last.cursorAt, last.id) : null };
}
