// One bad value never fails an import: each of these rows is a per-row error with its line number,
// and every good row around it is imported.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, getDatabase } from "@/lib/db";
import { createImportFromFile } from "@/lib/imports/create-import";
import { runImport } from "@/lib/imports/run-import";
import { listImportErrors } from "@/lib/imports/queries";
import { writeChunkSafely } from "@/lib/imports/write-chunk-safely";
import { createTestProject, createTestUser, leadAccess } from "@/lib/testing/factories";
import type { ProjectAccess } from "@/lib/auth/access";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "goldset-poison-"));
let access: ProjectAccess;

beforeAll(async () => {
  const lead = await createTestUser();
  access = await leadAccess(lead.id, (await createTestProject(lead.id)).id);
});

async function importFile(name: string, content: string) {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, content);
  const imp = await createImportFromFile(access, { path: file, fileName: name, textField: "text", idField: "id" });
  expect(await runImport(imp.id)).toBe("done");
  const db = await getDb();
  const done = await db.import.findUniqueOrThrow({ where: { id: imp.id } });
  return { done, errors: await listImportErrors(access, imp.id) };
}

describe("poisoned rows", () => {
  it("are per-row errors with their line numbers, and the good rows are imported", async () => {
    const deep = "[".repeat(6000) + "]".repeat(6000);
    const lines = [
      `{"id":"a","text":"fine"}`,
      `{"id":"b","text":"deep","meta":${deep}}`,
      `{"id":"c","text":"surrogate in metadata","meta":"\\ud800"}`,
      `{"id":"d","text":"nul \\u0000 in text"}`,
      `{"id":"e\\u0000","text":"nul in id"}`,
      `{"id":"f","text":"lone \\udc00 surrogate in text"}`,
      `{"id":"g","text":"fine too","\\u0000key":1}`,
      `{"id":"h","text":"last"}`,
    ];
    const { done, errors } = await importFile("poison.jsonl", lines.join("\n"));
    expect([done.status, done.rowsInserted, done.rowsFailed]).toEqual(["DONE", 2, 6]);
    expect(errors.map((e) => e.line)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(errors[0].reason).toMatch(/nested more than 32 levels/);
    expect(errors[1].reason).toMatch(/lone UTF-16 surrogate/);
    expect(errors[2].reason).toMatch(/NUL/);
    expect(errors[3].reason).toMatch(/id contains a NUL/);
    expect(errors[4].reason).toMatch(/text contains a lone UTF-16 surrogate/);
    expect(errors[5].reason).toMatch(/key contains a NUL/);
    // The rejected rows' excerpts are stored too: their NULs and surrogates made safe to show.
    for (const e of errors) expect(e.excerpt.includes("\u0000")).toBe(false);
    const db = await getDb();
    const items = await db.item.findMany({ where: { importId: done.id }, orderBy: { sourceLine: "asc" } });
    expect(items.map((i) => i.externalId)).toEqual(["a", "h"]);
    // A finished import's upload is not kept.
    expect(fs.existsSync(done.storagePath)).toBe(false);
  });

  it("reads .tsv files with tabs", async () => {
    const { done } = await importFile("rows.tsv", "id\ttext\tnote\nt1\tTabs, with a comma inside\tx\nt2\tsecond\ty\n");
    expect(done.rowsInserted).toBe(2);
    const db = await getDb();
    const item = await db.item.findFirstOrThrow({ where: { importId: done.id, externalId: "t1" } });
    expect([item.text, item.metadata]).toEqual(["Tabs, with a comma inside", { note: "x" }]);
  });

  it("splits a chunk the database refuses down to the one row it refuses", async () => {
    const db = await getDb();
    const imp = await db.import.create({
      data: {
        projectId: access.projectId,
        createdById: access.userId,
        format: "JSONL",
        fileName: "x",
        fileBytes: 1,
        storagePath: "",
        status: "RUNNING",
        runnerToken: "t",
      },
    });
    const row = (line: number, metadataJson = "{}") => ({ line, record: line, externalId: `r${line}`, text: `row ${line}`, metadata: {}, metadataJson });
    // metadata that got past the checks but that PostgreSQL's JSON parser refuses (a lone surrogate escape)
    const rows = [row(1), row(2), row(3, '{"a":"\\ud800"}'), row(4), row(5)];
    const result = await writeChunkSafely(
      await getDatabase(),
      { importId: imp.id, projectId: access.projectId, runnerToken: "t", errorBudget: { remaining: 100 }, hint: { staging: false } },
      { rows, bad: [], dropped: [], firstRecord: 1, lastRecord: 6, bytesRead: 100 },
    );
    expect(result).toEqual({ inserted: 4, existing: 0, failed: 1 });
    const [error] = await db.importError.findMany({ where: { importId: imp.id } });
    expect(error).toMatchObject({ line: 3 });
    expect(error.reason).toMatch(/^the database refused this row/);
    // Every record of the chunk is accounted for by the pieces written, so a restart skips exactly them.
    const chunks = await db.importChunk.findMany({ where: { importId: imp.id }, orderBy: { firstRecord: "asc" } });
    expect(chunks.map((c) => [c.firstRecord, c.lastRecord])).toEqual([
      [1, 2],
      [3, 3],
      [4, 6],
    ]);
  });
});
