// One measured export in its own process, so its peak RSS is its own: runExport on an Export row.
import { closeDatabase, getDb } from "@/lib/db";
import { runExport } from "@/lib/exports/run-export";

const [exportId] = process.argv.slice(2);
const t0 = performance.now();
await runExport(exportId);
const seconds = (performance.now() - t0) / 1000;
const db = await getDb();
const done = await db.export.findUniqueOrThrow({ where: { id: exportId } });
await closeDatabase();
console.log(JSON.stringify({ rows: done.rowsDone, seconds, bytes: Number(done.bytes), peakRssMb: process.resourceUsage().maxRSS / 1024 }));
