// Item reads for the items browser and the API.
import { z } from "zod";
import { getDb } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { AppError } from "@/lib/errors";
import type { ProjectAccess } from "@/lib/auth/access";
import { filterText, positiveInt } from "@/lib/validation";
import {
  byExternalId,
  confidenceBetween,
  countByIndex,
  countInOrder,
  decidedBy,
  disagreesWithModel,
  estimateProjectItems,
  goldHasLabel,
  hasGold,
  itemPage,
  itemsById,
  metadataEquals,
  reviewColumns,
  searchAhead,
  searchByIndex,
  suggestedByVersion,
  suggestionHasLabel,
  textContainsAll,
  windowEnd,
  type ItemReviewRow,
  type ItemRow,
} from "@/lib/items/sql";
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
/** Totals are exact up to this many; past it the list says "more than". */
const COUNT_CAP = 10_000;

// A filter form sends every field, the unused ones empty: empty means "not set".
const param = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

export const itemListQuerySchema = z.object({
  status: param(z.enum(ITEM_STATUSES)),
  q: param(
    filterText(400)
      .transform((s) => s.trim())
      .pipe(z.string().max(200, "At most 200 characters")),
  ),
  gold: param(z.enum(["yes", "no"])),
  // Items whose latest good suggestion differs from their gold value.
  disagree: param(z.enum(["1"])),
  annotator: param(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Not a valid annotator id")),
  // Gold / the latest suggestion holds this label (Quality's confusion matrix links here with both).
  goldLabel: param(filterText(60)),
  suggested: param(filterText(60)),
  // The latest suggestion's confidence, in percent.
  minConf: param(z.coerce.number().min(0).max(100)),
  maxConf: param(z.coerce.number().min(0).max(100)),
  // Items a prompt version labeled (its number).
  version: param(z.coerce.number().int().min(1).max(1_000_000)),
  // Where the item came from: an import's id.
  origin: param(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Not a valid import id")),
  // Written by a synthesis job (yes), or imported (no); rejected synthetic items are among "yes".
  synthetic: param(z.enum(["yes", "no"])),
  // A metadata field equal to a value: "field:value".
  meta: param(filterText(200).pipe(z.string().regex(/^[\w.-]{1,64}:.*$/, "Write it as field:value"))),
  after: param(positiveInt),
  before: param(positiveInt),
});
export type ItemListQuery = z.infer<typeof itemListQuerySchema>;
export type { ItemRow };

/**
 * Filters that reveal other people's answers, the gold, the model's suggestions (blind items
 * included) or metadata (which can hold reference answers): leads only, so review stays
 * independent. Annotators filter by status and search the text.
 */
export const LEAD_ONLY_FILTERS = [
  "gold",
  "disagree",
  "annotator",
  "goldLabel",
  "suggested",
  "minConf",
  "maxConf",
  "version",
  "origin",
  "synthetic",
  "meta",
] as const;
/** Every filter an address can carry (the pager keeps them). */
export const ITEM_FILTERS = ["status", "q", ...LEAD_ONLY_FILTERS] as const;

export function searchWords(q: string | undefined): string[] {
  return [...new Set((q ?? "").split(/\s+/).filter(Boolean))].slice(0, MAX_WORDS);
}

export type ItemListPage = {
  items: (ItemRow & { review?: ItemReviewRow })[];
  nextAfter: number | null;
  prevBefore: number | null;
  /** Items matching the filters: exact below COUNT_CAP, else at least that many. Counted while the page is shown. */
  total: Promise<{ n: number; capped: boolean }>;
  /** An item whose id is exactly the search text. */
  idMatch: { id: number; externalId: string } | null;
  words: string[];
};

export async function listItems(access: ProjectAccess, query: ItemListQuery, pageSize = PAGE_SIZE, searchWindow = SEARCH_WINDOW): Promise<ItemListPage> {
  if (access.role !== "LEAD" && LEAD_ONLY_FILTERS.some((f) => query[f] !== undefined)) {
    throw new AppError("FORBIDDEN", "Only leads can filter by gold, suggestions, reviewers or metadata: reviewers decide without seeing others' answers.");
  }
  const where = await filtersOf(access, query);
  const backwards = query.before !== undefined && query.after === undefined;
  const cursor = backwards ? query.before : query.after;
  const paged = cursor === undefined ? where : [...where, backwards ? sql`id < ${cursor}` : sql`id > ${cursor}`];
  const wordList = searchWords(query.q);
  const words = textContainsAll(wordList);
  const db = await getDb();
  const found = words.length
    ? await searchPage(access, paged, words, backwards, pageSize + 1, searchWindow)
    : { rows: await db.$queryRaw<ItemRow[]>(itemPage(paged, backwards, pageSize + 1)), common: true };
  const rows = found.rows;
  const hasMore = rows.length > pageSize;
  const page = rows.slice(0, pageSize).map((r) => ({ ...r, id: Number(r.id), textLength: Number(r.textLength) }));
  if (backwards) page.reverse();
  const total = countMatches(where, words, found.common);
  total.catch(() => {}); // awaited by whoever shows it; never an unhandled rejection meanwhile
  const [idMatch, review] = await Promise.all([
    query.q
      ? db
          .$queryRaw<{ id: number; externalId: string }[]>(byExternalId(access.projectId, query.q.trim()))
          .then((r) => (r[0] ? { id: Number(r[0].id), externalId: r[0].externalId } : null))
      : null,
    access.role === "LEAD" && page.length
      ? db.$queryRaw<ItemReviewRow[]>(
          reviewColumns(
            access.projectId,
            page.map((p) => p.id),
          ),
        )
      : [],
  ]);
  const reviewOf = new Map(review.map((r) => [Number(r.id), { ...r, id: Number(r.id) }]));
  return {
    items: page.map((p) => ({ ...p, review: reviewOf.get(p.id) })),
    // Cursors for the neighbouring pages (null when there is none).
    nextAfter: (backwards ? true : hasMore) && page.length ? page[page.length - 1].id : null,
    prevBefore: (backwards ? hasMore : cursor !== undefined) && page.length ? page[0].id : null,
    total,
    idMatch,
    words: wordList,
  };
}

async function filtersOf(access: ProjectAccess, query: ItemListQuery): Promise<Sql[]> {
  const where = [sql`"projectId" = ${access.projectId}`];
  if (query.status) where.push(sql`status = ${query.status}::"ItemStatus"`);
  if (query.gold) where.push(hasGold(query.gold === "yes"));
  if (query.disagree) where.push(disagreesWithModel);
  if (query.annotator) where.push(decidedBy(query.annotator));
  if (query.goldLabel) where.push(goldHasLabel(query.goldLabel));
  let versionId: string | undefined;
  if (query.version) {
    const db = await getDb();
    versionId = (await db.promptVersion.findFirst({ where: { projectId: access.projectId, number: query.version }, select: { id: true } }))?.id ?? "none";
    where.push(suggestedByVersion(versionId));
  }
  if (query.suggested) where.push(suggestionHasLabel(query.suggested, versionId));
  if (query.minConf !== undefined || query.maxConf !== undefined) {
    where.push(confidenceBetween(query.minConf === undefined ? undefined : query.minConf / 100, query.maxConf === undefined ? undefined : query.maxConf / 100));
  }
  if (query.origin) where.push(sql`"importId" = ${query.origin}`);
  if (query.synthetic) where.push(query.synthetic === "yes" ? sql`origin = 'SYNTHETIC'` : sql`origin = 'REAL'`);
  if (query.meta) {
    const at = query.meta.indexOf(":");
    where.push(metadataEquals(query.meta.slice(0, at), query.meta.slice(at + 1)));
  }
  return where;
}

/** The total, counted the way the search found its page: in id order when matches are common, through the index when rare. */
async function countMatches(where: Sql[], words: Sql[], common: boolean): Promise<{ n: number; capped: boolean }> {
  const db = await getDb();
  const [row] = await db.$queryRaw<{ n: number }[]>(
    !words.length || common ? countInOrder([...where, ...words], COUNT_CAP + 1) : countByIndex(where, words, COUNT_CAP + 1),
  );
  const n = Number(row.n);
  return { n: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP };
}

/**
 * A page of search results, found the cheaper of two ways whatever the planner guesses about the
 * words (its guess for a rare word would make it walk the whole project in id order): test the
 * next SEARCH_WINDOW items in order, which fills a page when the words are common; from how often
 * they matched, estimate what finishing the page costs going on in order (items to read) or
 * through the trigram index (matches to read, in the whole rest of the project), and take the
 * cheaper; the index takes whatever is still missing.
 */
async function searchPage(
  access: ProjectAccess,
  where: Sql[],
  words: Sql[],
  backwards: boolean,
  limit: number,
  window: number,
): Promise<{ rows: ItemRow[]; common: boolean }> {
  const db = await getDb();
  const ids: number[] = [];
  const take = async (statement: Sql) => ids.push(...(await db.$queryRaw<{ id: number }[]>(statement)).map((r) => Number(r.id)));
  await take(searchAhead(where, words, backwards, window, limit));
  // Matches so common that counting them in id order (up to COUNT_CAP) reads few items: at least
  // one in five of the window matched (a lower bound when the page filled before its end).
  const common = ids.length / window >= 0.2;
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
  if (!ids.length) return { rows: [], common };
  const rows = await db.$queryRaw<ItemRow[]>(itemsById(access.projectId, ids));
  const order = new Map(ids.map((id, i) => [id, i]));
  return { rows: rows.sort((a, b) => order.get(Number(a.id))! - order.get(Number(b.id))!), common };
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
  const item = await db.item.findFirst({
    where: { id: itemId, projectId: access.projectId },
    include: {
      image: { select: { sha256: true, width: true, height: true, path: true, contentType: true, bytes: true } },
      pair: { select: { responseA: true, responseB: true, modelA: true, modelB: true } },
    },
  });
  if (!item) throw new AppError("NOT_FOUND", "Item not found.");
  const source = item.importId
    ? await db.import.findFirst({ where: { id: item.importId, projectId: access.projectId }, select: { id: true, fileName: true, createdAt: true } })
    : null;
  // randKey only orders the queue, and blindDraw says ahead of time which items will be blind. An
  // annotator is not told what would anchor or steer a review: the model's confidence, whether the
  // item audits auto-accept or is in the blind slice, how many others reviewed it, or (pairwise)
  // which model wrote which response.
  const { randKey, blindDraw, pair, ...fields } = item;
  // A pairwise item's responses, as the item's own fields (the API's shape since pairs were added).
  const rest = {
    ...fields,
    responseA: pair?.responseA ?? null,
    responseB: pair?.responseB ?? null,
    modelA: pair?.modelA ?? null,
    modelB: pair?.modelB ?? null,
  };
  void randKey;
  void blindDraw;
  const hidden =
    access.role === "LEAD"
      ? {}
      : { suggestionConfidence: null, autoAudit: null, blind: null, reviewCount: null, needsAdjudication: null, inQueue: null, modelA: null, modelB: null };
  return { ...rest, ...hidden, import: source };
}
