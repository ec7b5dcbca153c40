// Files past their retention are deleted: finished exports' files, uploads whose import is over,
// and files no row owns any more (their project was deleted, or a worker died while writing them).
import fs from "node:fs";
import path from "node:path";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";

/** Deletes what is past retention; returns how many files went. */
export async function deleteExpiredFiles(now = new Date()): Promise<number> {
  const db = await getDb();
  const cutoff = new Date(now.getTime() - env().jobs.retentionDays * 24 * 3600 * 1000);
  let deleted = 0;
  const expired = await db.export.findMany({ where: { finishedAt: { lt: cutoff }, fileDeletedAt: null }, select: { id: true, storagePath: true }, take: 500 });
  for (const e of expired) {
    if (e.storagePath) deleted += remove(e.storagePath);
    await db.export.update({ where: { id: e.id }, data: { fileDeletedAt: now, storagePath: null } });
  }
  deleted += await deleteUnowned(path.join(env().dataDir, "exports"), cutoff, async (ids) =>
    (await db.export.findMany({ where: { id: { in: ids }, fileDeletedAt: null }, select: { id: true } })).map((e) => e.id),
  );
  deleted += await deleteUnowned(path.join(env().dataDir, "uploads"), cutoff, async (ids) =>
    (await db.import.findMany({ where: { id: { in: ids }, status: { in: ["QUEUED", "RUNNING"] } }, select: { id: true } })).map((i) => i.id),
  );
  return deleted;
}

/**
 * Files in `dir` older than `cutoff` whose row (named by the file name's first part) no longer
 * needs them. `live` says which of the ids still do.
 */
async function deleteUnowned(dir: string, cutoff: Date, live: (ids: string[]) => Promise<string[]>): Promise<number> {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return 0; // nothing was ever written here
  }
  const old = names.filter((n) => {
    try {
      return fs.statSync(path.join(dir, n)).mtime < cutoff;
    } catch {
      return false;
    }
  });
  const idOf = (n: string) => n.split(".")[0];
  const keep = new Set(await live([...new Set(old.map(idOf))]));
  let deleted = 0;
  for (const n of old) if (!keep.has(idOf(n))) deleted += remove(path.join(dir, n));
  return deleted;
}

function remove(file: string): number {
  try {
    fs.rmSync(file);
    return 1;
  } catch {
    return 0;
  }
}
