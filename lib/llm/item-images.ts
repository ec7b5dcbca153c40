// An image item's picture for the model: read from the media store and made to fit the vision
// limits (lib/media/image.ts) just before the item is labeled, never kept in memory longer. The
// request carries it as an image block before the item text (its file name), and the worst-case
// cost counts it by the documented rule, width × height / 750 tokens.
import { getDatabase } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { imageForModel, imageTokens, type ModelImage } from "@/lib/media/image";
import { mediaStore } from "@/lib/media/store";

/** `image`: the picture as sent; `imageError`: why it could not be (the item is then a failed suggestion, not a guess from its name). */
export type WithImage = { itemId: number; image?: ModelImage; imageError?: string };

/** Loads and fits the pictures of `items` in place (items without one are left alone). */
export async function attachImages<T extends WithImage>(projectId: string, items: T[]): Promise<T[]> {
  if (!items.length) return items;
  const database = await getDatabase();
  const rows = await database.query<{ itemId: number; sha256: string; contentType: string; width: number; height: number }>(
    sql`SELECT "itemId", sha256, "contentType", width, height FROM "ItemImage" WHERE "projectId" = ${projectId} AND "itemId" = ANY(${items.map((i) => i.itemId)}::int[])`,
  );
  const byItem = new Map(rows.map((r) => [Number(r.itemId), r]));
  const store = mediaStore();
  for (const item of items) {
    const row = byItem.get(item.itemId);
    if (!row) {
      item.imageError = "the item has no image";
      continue;
    }
    const bytes = await store.get(row.sha256);
    if (!bytes) {
      item.imageError = `its image (${row.sha256.slice(0, 12)}…) is missing from the media store`;
      continue;
    }
    try {
      item.image = await imageForModel(bytes, row.contentType, row.width, row.height);
    } catch {
      item.imageError = "its image could not be decoded";
    }
  }
  return items;
}

/** The input tokens a request's picture costs, by the documented rule (0 without one). */
export const pictureTokens = (image: ModelImage | undefined) => (image ? imageTokens(image.width, image.height) : 0);
