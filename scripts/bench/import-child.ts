// One measured import in its own process, so its peak RSS is its own: creates a user and a project
// in DATABASE_URL, copies the file in as an upload would, and times runImport (parse + write).
import { closeDatabase, getDb } from "@/lib/db";
import { createImportFromFile } from "@/lib/imports/create-import";
import { runImport } from "@/lib/imports/run-import";
import { stopBoss } from "@/lib/jobs/boss";
import { createTestProject, createTestUser, leadAccess } from "@/lib/testing/factories";

const file = process.argv[2];
// A .zip is a zip of pictures for an image project (ids from each picture's path and hash).
const images = file.endsWith(".zip");
const user = await createTestUser();
const project = await createTestProject(user.id, images ? { taskType: "IMAGE_CLASSIFICATION" } : {});
const imp = await createImportFromFile(await leadAccess(user.id, project.id), { path: file, textField: "text", idField: images ? "" : "id" });
const rssBefore = process.memoryUsage().rss;
const t0 = performance.now();
const result = await runImport(imp.id);
const seconds = (performance.now() - t0) / 1000;
(globalThis as { gc?: () => void }).gc?.(); // with --expose-gc: what is really held after the run
const liveHeapMb = process.memoryUsage().heapUsed / 1024 / 1024;
const db = await getDb();
const done = await db.import.findUniqueOrThrow({ where: { id: imp.id } });
const out = {
  result,
  rows: done.rowsInserted,
  failed: done.rowsFailed,
  seconds,
  peakRssMb: process.resourceUsage().maxRSS / 1024,
  rssBeforeMb: rssBefore / 1024 / 1024,
  liveHeapMb,
};
await stopBoss();
await closeDatabase();
console.log(JSON.stringify(out));
