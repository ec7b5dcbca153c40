// Which generated texts to drop before people see them: near-duplicates of each other (the later
// one goes) and of the project's items (any item, real or synthetic, rejected or not: a text too
// close to a known one adds nothing). The job's texts are indexed in memory; the project's items
// are read in id order a page at a time, so memory stays flat however large the project.
import { getDatabase } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { commonShingles, NearDuplicateIndex, shingles } from "@/lib/synthesis/near-duplicates";

export type Drop = { index: number; reason: string; similarTo: string; similarity: number };

const PAGE = 5000;

/** The drops among `texts` (by their index), each with the closest text or item it was too close to. */
export async function findNearDuplicates(projectId: string, texts: string[], threshold: number): Promise<Drop[]> {
  const lists = texts.map(shingles);
  const index = new NearDuplicateIndex(threshold, commonShingles(lists));
  const owner: number[] = []; // index entry -> position in texts
  const drops = new Map<number, Drop>();
  lists.forEach((sh, i) => {
    const [closest] = index.matches(sh).sort((a, b) => b.similarity - a.similarity);
    if (closest)
      drops.set(i, {
        index: i,
        reason: "near-duplicate of another generated text",
        similarTo: `generated #${owner[closest.index] + 1}`,
        similarity: closest.similarity,
      });
    else owner[index.add(sh)] = i;
  });
  if (owner.length === 0) return [...drops.values()];

  const database = await getDatabase();
  const pageAfter = (after: number) =>
    database.query<{ id: number; externalId: string; text: string }>(
      sql`SELECT id, "externalId", text FROM "Item" WHERE "projectId" = ${projectId} AND id > ${after} ORDER BY id LIMIT ${PAGE}`,
    );
  // The next page is read while this one is compared.
  let next = pageAfter(0);
  for (;;) {
    const page = await next;
    const more = page.length === PAGE;
    if (more) next = pageAfter(Number(page[page.length - 1].id));
    for (const item of page) {
      for (const m of index.matches(shingles(item.text))) {
        const i = owner[m.index];
        const before = drops.get(i);
        if (!before || before.similarity < m.similarity)
          drops.set(i, { index: i, reason: "near-duplicate of an item in the project", similarTo: item.externalId, similarity: m.similarity });
      }
    }
    if (!more) break;
  }
  return [...drops.values()].sort((a, b) => a.index - b.index);
}
