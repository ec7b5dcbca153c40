// Integration tests on a real database (PostgreSQL with DATABASE_URL, else PGlite).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { createImportFromFile } from "@/lib/imports/create-import";
import { runImport, SimulatedCrash } from "@/lib/imports/run-import";
import { listImportErrors } from "@/lib/imports/queries";
import { cancelImport } from "@/lib/imports/cancel-import";
import { createTestProject, createTestUser, leadAccess } from "@/lib/testing/factories";

process.env.IMPORT_CHUNK_ROWS = "4"; // small chunks so every test crosses chunk boundaries
process.env.IMPORT_MAX_TEXT_CHARS = "200";
process.env.IMPORT_MAX_FILE_BYTES = "100000";
resetEnvForTests();

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "goldset-import-"));
const writeFile = (name: string, content: string | Buffer) => {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, content);
  return p;
};

let lead: { id: string };
let projectId: string;

beforeAll(async () => {
  lead = await createTestUser();
  projectId = (await createTestProject(lead.id)).id;
});

async function importAndRun(file: string, opts: { textField?: string; idField?: string; project?: string } = {}) {
  const imp = await createImportFromFile(await leadAccess(lead.id, opts.project ?? projectId), {
    path: file,
    textField: opts.textField ?? "text",
    idField: opts.idField ?? "id",
  });
  expect(await runImport(imp.id)).toBe("done");
  const db = await getDb();
  return db.import.findUniqueOrThrow({ where: { id: imp.id } });
}

describe("CSV import", () => {
  const csv = [
    "id,text,source",
    "a1,The battery lasts all day,web",
    "a2,,web", // missing text
    'a3,"Multi-line\nreview",app',
    "a4,Too many,fields,here",
    `a5,${"x".repeat(201)},web`, // over the text limit
    "a1,Same id again,web", // duplicate of line 2, in a later chunk
    "a6,Fine,app",
    "a7,Also fine,app",
  ].join("\n");

  it("imports the good rows and reports each bad row with its line and reason", async () => {
    const file = writeFile("reviews.csv", csv);
    const imp = await importAndRun(file);
    expect(imp.status).toBe("DONE");
    expect({ inserted: imp.rowsInserted, failed: imp.rowsFailed, existing: imp.rowsExisting, total: imp.rowsTotal }).toEqual({
      inserted: 4,
      failed: 4,
      existing: 0,
      total: 8,
    });
    const errors = await listImportErrors(await leadAccess(lead.id, projectId), imp.id);
    expect(errors.map((e) => [e.line, e.reason])).toEqual([
      [3, 'missing text: "text" is empty'],
      [6, "expected 3 fields (as in the header), found 4"],
      [7, "text is 201 characters; the limit is 200"],
      [8, 'duplicate id "a1" (first seen on line 2)'],
    ]);
    const db = await getDb();
    const items = await db.item.findMany({ where: { projectId }, orderBy: { id: "asc" } });
    expect(items.map((i) => i.externalId)).toEqual(["a1", "a3", "a6", "a7"]);
    expect(items[0].text).toBe("The battery lasts all day");
    expect(items[0].metadata).toEqual({ source: "web" });
    expect(items[1].text).toBe("Multi-line\nreview");
    expect(fs.existsSync(file)).toBe(true); // the original file is never touched
  });

  it("is idempotent: importing the same file again adds nothing", async () => {
    const db = await getDb();
    const before = await db.item.count({ where: { projectId } });
    const imp = await importAndRun(writeFile("again.csv", csv));
    expect(await db.item.count({ where: { projectId } })).toBe(before);
    expect(imp.rowsInserted).toBe(0);
    // The repeated "a1" on line 8 is now simply "already in the project", like line 2: telling it
    // apart would mean remembering every id of the file, which streaming import does not do.
    expect(imp.rowsExisting).toBe(5);
    expect(imp.rowsFailed).toBe(3);
  });
});

describe("JSONL and JSON import", () => {
  it("derives stable ids when the file has none, so a re-import adds nothing", async () => {
    const project = (await createTestProject(lead.id)).id;
    const lines = ['{"text":"one","lang":"en"}', '{"text":"two"}', "{broken", '{"text":"one","lang":"en"}'].join("\n");
    const first = await importAndRun(writeFile("a.jsonl", lines), { project, idField: "" });
    expect([first.rowsInserted, first.rowsFailed]).toEqual([2, 2]);
    const errors = await listImportErrors(await leadAccess(lead.id, project), first.id);
    expect(errors.map((e) => e.line)).toEqual([3, 4]);
    expect(errors[1].reason).toMatch(/duplicate id "sha256-[0-9a-f]+" \(first seen on line 1\)/);
    const second = await importAndRun(writeFile("b.jsonl", lines), { project, idField: "" });
    expect([second.rowsInserted, second.rowsExisting]).toEqual([0, 2]);
  });

  it("reads a JSON array and reports an element of the wrong type", async () => {
    const project = (await createTestProject(lead.id)).id;
    const json = JSON.stringify(
      [
        { id: 1, text: "a" },
        { id: 2, text: ["not", "a", "string"] },
        { id: 3, text: "c", tags: ["x"] },
      ],
      null,
      2,
    );
    const imp = await importAndRun(writeFile("c.json", json), { project });
    expect([imp.rowsInserted, imp.rowsFailed]).toEqual([2, 1]);
    const db = await getDb();
    const item = await db.item.findFirstOrThrow({ where: { projectId: project, externalId: "3" } });
    expect(item.metadata).toEqual({ tags: ["x"] });
  });
});

describe("crash and concurrency", () => {
  it("resumes after a crash from its checkpoint without duplicating or losing rows", async () => {
    const project = (await createTestProject(lead.id)).id;
    const rows = Array.from({ length: 30 }, (_, i) => JSON.stringify({ id: `r${i}`, text: `row ${i}` }));
    rows.splice(10, 0, "not json"); // one bad row before the crash point
    const file = writeFile("crash.jsonl", rows.join("\n"));
    const imp = await createImportFromFile(await leadAccess(lead.id, project), { path: file, textField: "text", idField: "id" });
    await expect(runImport(imp.id, { crashAfterChunks: 3 })).rejects.toBeInstanceOf(SimulatedCrash);
    const db = await getDb();
    const mid = await db.import.findUniqueOrThrow({ where: { id: imp.id } });
    expect(mid.status).toBe("RUNNING");
    expect(await db.importChunk.count({ where: { importId: imp.id } })).toBe(3);
    const midCount = await db.item.count({ where: { projectId: project } });
    expect(midCount).toBeGreaterThan(0);
    expect(midCount).toBeLessThan(30);

    // A live lease is respected; once the heartbeat is stale another runner takes over.
    expect(await runImport(imp.id)).toBe("not-claimed");
    await db.import.update({ where: { id: imp.id }, data: { heartbeatAt: new Date(Date.now() - 10 * 60_000) } });
    expect(await runImport(imp.id)).toBe("done");

    const done = await db.import.findUniqueOrThrow({ where: { id: imp.id } });
    expect([done.rowsInserted, done.rowsFailed, done.rowsTotal]).toEqual([30, 1, 31]);
    expect(await db.item.count({ where: { projectId: project } })).toBe(30);
    const errors = await listImportErrors(await leadAccess(lead.id, project), imp.id);
    expect(errors.map((e) => e.line)).toEqual([11]);
  });

  it("imports a one-line JSON array of many elements (chunks keyed by position, not line), and resumes it after a crash with nothing lost or doubled", async () => {
    const project = (await createTestProject(lead.id)).id;
    // IMPORT_CHUNK_ROWS is 4 here: 40 elements on line 1 make ten chunks that all start on line 1.
    const elements = Array.from({ length: 40 }, (_, i) => ({ id: `j${i}`, text: `element ${i}` }));
    elements.splice(17, 0, { id: "bad" } as never); // a bad element (no text) after the crash point
    const file = writeFile("one-line.json", JSON.stringify(elements));
    const imp = await createImportFromFile(await leadAccess(lead.id, project), { path: file, textField: "text", idField: "id" });
    await expect(runImport(imp.id, { crashAfterChunks: 3 })).rejects.toBeInstanceOf(SimulatedCrash);
    const db = await getDb();
    expect(await db.importChunk.count({ where: { importId: imp.id } })).toBe(3);
    expect(await db.item.count({ where: { projectId: project } })).toBe(12);
    await db.import.update({ where: { id: imp.id }, data: { heartbeatAt: new Date(Date.now() - 10 * 60_000) } });
    expect(await runImport(imp.id)).toBe("done");
    const done = await db.import.findUniqueOrThrow({ where: { id: imp.id } });
    expect([done.rowsInserted, done.rowsFailed, done.rowsExisting]).toEqual([40, 1, 0]);
    expect(await db.item.count({ where: { projectId: project } })).toBe(40);
    expect((await listImportErrors(await leadAccess(lead.id, project), imp.id)).map((e) => e.line)).toEqual([1]);
  });

  it("cancels: a crashed import's rows stay, the runner that comes back stops, the upload is deleted", async () => {
    const project = (await createTestProject(lead.id)).id;
    const access = await leadAccess(lead.id, project);
    const file = writeFile("cancel.jsonl", Array.from({ length: 30 }, (_, i) => JSON.stringify({ id: `c${i}`, text: `row ${i}` })).join("\n"));
    const imp = await createImportFromFile(access, { path: file, textField: "text", idField: "id" });
    await expect(runImport(imp.id, { crashAfterChunks: 2 })).rejects.toBeInstanceOf(SimulatedCrash);
    const db = await getDb();
    const written = await db.item.count({ where: { projectId: project } });
    const { storagePath } = await db.import.findUniqueOrThrow({ where: { id: imp.id } });
    await cancelImport(access, imp.id);
    expect(fs.existsSync(storagePath)).toBe(false);
    await db.import.update({ where: { id: imp.id }, data: { heartbeatAt: new Date(Date.now() - 10 * 60_000) } });
    expect(await runImport(imp.id)).toBe("not-claimed"); // cancelled work is never picked up again
    expect(await db.import.findUniqueOrThrow({ where: { id: imp.id } })).toMatchObject({ status: "CANCELLED", runnerToken: null });
    expect(await db.item.count({ where: { projectId: project } })).toBe(written);
    await expect(cancelImport(access, imp.id)).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("lets only one of two simultaneous runners work on an import", async () => {
    const project = (await createTestProject(lead.id)).id;
    const file = writeFile("race.jsonl", Array.from({ length: 20 }, (_, i) => JSON.stringify({ id: i, text: `t${i}` })).join("\n"));
    const imp = await createImportFromFile(await leadAccess(lead.id, project), { path: file, textField: "text", idField: "id" });
    const results = await Promise.all([runImport(imp.id), runImport(imp.id)]);
    expect(results.sort()).toEqual(["done", "not-claimed"]);
    const db = await getDb();
    expect(await db.item.count({ where: { projectId: project } })).toBe(20);
  });
});

describe("several writers at once (PostgreSQL)", () => {
  it("keeps the first occurrence of a duplicate id, whichever chunk commits first", async () => {
    process.env.IMPORT_WRITERS = "3";
    resetEnvForTests();
    try {
      const project = (await createTestProject(lead.id)).id;
      // Ids repeat every 6 lines, so most duplicates land in a neighbouring chunk (4 rows each).
      const lines = Array.from({ length: 60 }, (_, i) => JSON.stringify({ id: `k${i % 6 === 5 ? i - 5 : i}`, text: `line ${i + 1}` }));
      const imp = await importAndRun(writeFile("race-dups.jsonl", lines.join("\n")), { project });
      expect([imp.rowsInserted, imp.rowsFailed]).toEqual([50, 10]);
      const db = await getDb();
      const items = await db.item.findMany({ where: { projectId: project }, select: { externalId: true, text: true, sourceLine: true } });
      for (const item of items) expect(item.text).toBe(`line ${item.sourceLine}`);
      const k0 = items.find((i) => i.externalId === "k0")!;
      expect(k0.sourceLine).toBe(1);
      const errors = await listImportErrors(await leadAccess(lead.id, project), imp.id);
      expect(errors.map((e) => e.line)).toEqual([6, 12, 18, 24, 30, 36, 42, 48, 54, 60]);
      expect(errors[0].reason).toBe('duplicate id "k0" (first seen on line 1)');
    } finally {
      delete process.env.IMPORT_WRITERS;
      resetEnvForTests();
    }
  });
});

describe("limits", () => {
  it("refuses a file over the size limit and keeps nothing of it", async () => {
    const big = writeFile("big.jsonl", Buffer.alloc(100_001, "a"));
    const err = await createImportFromFile(await leadAccess(lead.id, projectId), { path: big, textField: "text" }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(413);
    const db = await getDb();
    const last = await db.import.findFirstOrThrow({ where: { projectId }, orderBy: { createdAt: "desc" } });
    expect(last.status).toBe("FAILED");
    expect(last.error).toMatch(/larger than the import limit/);
  });
});
