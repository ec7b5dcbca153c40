// Item reads for the items browser and the API.
import { z } from "zod";
import { getDb } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { AppError } from "@/lib/errors";
import type { ProjectAccess } from "@/lib/auth/access";
import { positiveInt } from "@/lib/validation";
import { decidedBy, disagreesWithModel, estimateProjectItems, hasGold, itemPage, itemsById, searchAhead, searchByIndex, textContainsAll, windowEnd, type ItemRow } from "@/lib/items/sql";
import type { Sql } from "@/lib/db/sql";

export const ITEM_STATUSES = ["NEW", "PRELABELED", "REVIEWED"] as const;
export const PAGE_SIZE = 50;
const MAX_WORDS = 8;
/** How many items a search tests in id order first, to see how common its words are. */
const SEARCH_WINDOW = 2000;
// Measured on 1,000,000 items (bench:hardening): testing an item in id order costs about a fifth
// of what reaching a match through the trigram index costs (the index's rows are scattered over
// the table, and some only look like matches until their text is read).
const IN_ORDER_COST = 1;
const BY_INDEX_COST = 5;

// A filter form sends every field, the unused ones empty: empty means "not set".
const param = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

export const itemListQuerySchema = z.object({
  status: param(z.enum(ITEM_STATUSES)),
  q: param(z.string().trim().max(200, "At most 200 characters")),
  gold: param(z.enum(["yes", "no"])),
  // Items whose latest good suggestion differs from their gold value.
  disagree: param(z.enum(["1"])),
  annotator: param(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Not a valid annotator id")),
  after: param(positiveInt),
  before: param(positiveInt),
});
export type ItemListQuery = z.infer<typeof itemListQuerySchema>;
export type { ItemRow };

/** Filters that reveal other people's answers or the gold: leads only, so review stays independent. */
export const LEAD_ONLY_FILTERS = ["gold", "disagree", "annotator"] as const;

export function searchWords(q: string | undefined): string[] {
  return [...new Set((q ?? "").split(/\s+/).filter(Boolean))].slice(0, MAX_WORDS);
}

export async function listItems(access: ProjectAccess, query: ItemListQuery, pageSize = PAGE_SIZE, searchWindow = SEARCH_WINDOW) {
  if (access.role !== "LEAD" && LEAD_ONLY_FILTERS.some((f) => query[f] !== undefined)) {
    throw new AppError("FORBIDDEN", "Only leads can filter by gold, disagreement or annotator: reviewers decide without seeing others' answers.");
  }
  const where = [sql`"projectId" = ${access.projectId}`];
  if (query.status) where.push(sql`status = ${query.status}::"ItemStatus"`);
  if (query.gold) where.push(hasGold(query.gold === "yes"));
  if (query.disagree) where.push(disagreesWithModel);
  if (query.annotator) where.push(decidedBy(query.annotator));
  const backwards = query.before !== undefined && query.after === undefined;
  const cursor = backwards ? query.before : query.after;
  if (cursor !== undefined) where.push(backwards ? sql`id < ${cursor}` : sql`id > ${cursor}`);
  const words = textContainsAll(searchWords(query.q));
  const db = await getDb();
  const rows = words.length ? await searchPage(access, where, words, backwards, pageSize + 1, searchWindow) : await db.$queryRaw<ItemRow[]>(itemPage(where, backwards, pageSize + 1));
  const hasMore = rows.length > pageSize;
  const page = rows.slice(0, pageSize).map((r) => ({ ...r, id: Number(r.id), textLength: Number(r.textLength) }));
  if (backwards) page.reverse();
  return {
    items: page,
    // Cursors for the neighbouring pages (null when there is none).
    nextAfter: (backwards ? true : hasMore) && page.length ? page[page.length - 1].id : null,
    prevBefore: (backwards ? hasMore : cursor !== undefined) && page.length ? page[0].id : null,
  };
}

/**
 * A page of search results, found the cheaper of two ways whatever the planner guesses about the
 * words (its guess for a rare word would make it walk the whole project in id order): test the
 * next SEARCH_WINDOW items in order, which fills a page when the words are common; from how often
 * they matched, estimate what finishing the page costs going on in order (items to read) or
 * through the trigram index (matches to read, in the whole rest of the project), and take the
 * cheaper; the index takes whatever is still missing.
 */
async function searchPage(access: ProjectAccess, where: Sql[], words: Sql[], backwards: boolean, limit: number, window: number): Promise<ItemRow[]> {
  const db = await getDb();
  const ids: number[] = [];
  const take = async (statement: Sql) => ids.push(...(await db.$queryRaw<{ id: number }[]>(statement)).map((r) => Number(r.id)));
  await take(searchAhead(where, words, backwards, window, limit));
  let scanned = window;
  let [end] = ids.length < limit ? await db.$queryRaw<{ id: number }[]>(windowEnd(where, backwards, window)) : [];
  if (ids.length < limit && end) {
    const rate = Math.max(ids.length, 0.5) / scanned;
    const rest = Math.max(0, (await estimatedItems(access.projectId)) - scanned);
    const inOrder = ((limit - ids.length) / rate) * IN_ORDER_COST;
    if (inOrder < rate * rest * BY_INDEX_COST) {
      const more = Math.ceil((1.5 * (limit - ids.length)) / rate);
      const past = [...where, after(backwards, Number(end.id))];
      await take(searchAhead(past, words, backwards, more, limit - ids.length));
      scanned += more;
      [end] = ids.length < limit ? await db.$queryRaw<{ id: number }[]>(windowEnd(past, backwards, more)) : [];
    }
    if (ids.length < limit && end) await take(searchByIndex([...where, after(backwards, Number(end.id))], words, backwards, limit - ids.length));
  }
  if (!ids.length) return [];
  const rows = await db.$queryRaw<ItemRow[]>(itemsById(access.projectId, ids));
  const order = new Map(ids.map((id, i) => [id, i]));
  return rows.sort((a, b) => order.get(Number(a.id))! - order.get(Number(b.id))!);
}

const after = (backwards: boolean, id: number) => (backwards ? sql`id < ${id}` : sql`id > ${id}`);

/** The planner's estimate of a project's items: free (statistics), and close enough to choose a way to search. */
async function estimatedItems(projectId: string): Promise<number> {
  const db = await getDb();
  const [row] = await db.$queryRaw<{ "QUERY PLAN": [{ Plan: { "Plan Rows": number } }] }[]>(estimateProjectItems(projectId));
  return Number(row["QUERY PLAN"][0].Plan["Plan Rows"]);
}

export async function getItem(access: ProjectAccess, itemId: number) {
  const db = await getDb();
  const item = await db.item.findFirst({ where: { id: itemId, projectId: access.projectId } });
  if (!item) throw new AppError("NOT_FOUND", "Item not found.");
  const source = item.importId
    ? await db.import.findFirst({ where: { id: item.importId, projectId: access.projectId }, select: { id: true, fileName: true, createdAt: true } })
    : null;
  return { ...item, import: source };
}
