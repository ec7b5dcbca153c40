// One measured deduplication in its own process, so its peak RSS is its own: the job's texts come
// from a JSON file, the project's items from the database.
import fs from "node:fs";
import { closeDatabase } from "@/lib/db";
import { findNearDuplicates } from "@/lib/synthesis/dedupe";

const [projectId, textsFile, threshold] = process.argv.slice(2);
const texts: string[] = JSON.parse(fs.readFileSync(textsFile, "utf8"));
const t0 = performance.now();
const drops = await findNearDuplicates(projectId, texts, Number(threshold));
const seconds = (performance.now() - t0) / 1000;
await closeDatabase();
console.log(JSON.stringify({ seconds, dropped: drops.map((d) => d.index), peakRssMb: process.resourceUsage().maxRSS / 1024 }));
