// Item reads. Lists use keyset pagination on (projectId, id): the cost of a page does not grow
// with how deep into the project it is, unlike OFFSET.
import { z } from "zod";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { requireProjectRole } from "@/lib/auth/project-role";

export const ITEM_STATUSES = ["NEW", "PRELABELED", "REVIEWED"] as const;
export const PAGE_SIZE = 50;
const PREVIEW_CHARS = 240;

export const itemListQuerySchema = z.object({
  status: z.enum(ITEM_STATUSES).optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  gold: z.enum(["yes", "no"]).optional().catch(undefined),
  // Items whose latest good suggestion differs from their gold value.
  disagree: z.enum(["1"]).optional().catch(undefined),
  annotator: z.string().max(40).optional().catch(undefined),
  after: z.coerce.number().int().positive().optional().catch(undefined),
  before: z.coerce.number().int().positive().optional().catch(undefined),
});
export type ItemListQuery = z.infer<typeof itemListQuerySchema>;

export type ItemRow = { id: number; externalId: string; preview: string; textLength: number; status: (typeof ITEM_STATUSES)[number]; createdAt: Date };

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listItems(userId: string, projectId: string, query: ItemListQuery, pageSize = PAGE_SIZE) {
  await requireProjectRole(userId, projectId);
  const db = await getDb();
  const params: unknown[] = [projectId];
  const where = [`"projectId" = $1`];
  if (query.status) {
    params.push(query.status);
    where.push(`status = $${params.length}::"ItemStatus"`);
  }
  if (query.q) {
    params.push(`%${escapeLike(query.q)}%`);
    where.push(`text ILIKE $${params.length}`);
  }
  if (query.gold) where.push(`${query.gold === "no" ? "NOT " : ""}EXISTS (SELECT 1 FROM "GoldLabel" g WHERE g."itemId" = "Item".id)`);
  if (query.disagree) {
    where.push(`EXISTS (SELECT 1 FROM "GoldLabel" g WHERE g."itemId" = "Item".id AND g.value IS DISTINCT FROM
      (SELECT s.value FROM "Suggestion" s WHERE s."itemId" = "Item".id AND s.status = 'OK' ORDER BY s."createdAt" DESC LIMIT 1))
      AND EXISTS (SELECT 1 FROM "Suggestion" s WHERE s."itemId" = "Item".id AND s.status = 'OK')`);
  }
  if (query.annotator) {
    params.push(query.annotator);
    where.push(`EXISTS (SELECT 1 FROM "Decision" d WHERE d."itemId" = "Item".id AND d."annotatorId" = $${params.length})`);
  }
  const backwards = query.before !== undefined && query.after === undefined;
  const cursor = backwards ? query.before : query.after;
  if (cursor !== undefined) {
    params.push(cursor);
    where.push(`id ${backwards ? "<" : ">"} $${params.length}`);
  }
  params.push(pageSize + 1); // one extra row tells whether another page exists
  // Only a preview of the text leaves the database: a page never carries 50 full documents.
  const rows = await db.$queryRawUnsafe<ItemRow[]>(
    `SELECT id, "externalId", left(text, ${PREVIEW_CHARS}) AS preview, length(text) AS "textLength", status::text AS status, "createdAt"
     FROM "Item" WHERE ${where.join(" AND ")}
     ORDER BY id ${backwards ? "DESC" : "ASC"} LIMIT $${params.length}`,
    ...params,
  );
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

export async function getItem(userId: string, projectId: string, itemId: number) {
  await requireProjectRole(userId, projectId);
  const db = await getDb();
  const item = await db.item.findFirst({ where: { id: itemId, projectId } });
  if (!item) throw new AppError("NOT_FOUND", "Item not found.");
  const source = item.importId
    ? await db.import.findFirst({ where: { id: item.importId, projectId }, select: { id: true, fileName: true, createdAt: true } })
    : null;
  return { ...item, import: source };
}
