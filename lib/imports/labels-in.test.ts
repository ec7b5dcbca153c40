// Labels in, on a real database (PostgreSQL with DATABASE_URL, else PGlite): reference labels kept
// beside items or made gold, another model's predictions as its suggestions, and Label Studio's
// task format both ways.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getDatabase, getDb } from "@/lib/db";
import { requeueForK } from "@/lib/gold/sql";
import { listPromptVersions } from "@/lib/prompts/queries";
import { referenceAgreement } from "@/lib/metrics/reference";
import { resetEnvForTests } from "@/lib/env";
import { createImportFromFile, type UploadMeta } from "@/lib/imports/create-import";
import { runImport } from "@/lib/imports/run-import";
import { listImportErrors } from "@/lib/imports/queries";
import { runExport } from "@/lib/exports/run-export";
import { exportFile } from "@/lib/exports/exports";
import { createTestProject, createTestUser, leadAccess } from "@/lib/testing/factories";

process.env.IMPORT_CHUNK_ROWS = "3"; // small chunks: labels cross chunk boundaries
resetEnvForTests();

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "goldset-labels-in-"));
let n = 0;
const writeFile = (ext: string, content: string) => {
  const p = path.join(tmp, `f${++n}.${ext}`);
  fs.writeFileSync(p, content);
  return p;
};

let lead: { id: string };
beforeAll(async () => {
  lead = await createTestUser();
});

async function importAndRun(projectId: string, file: string, meta: UploadMeta) {
  const imp = await createImportFromFile(await leadAccess(lead.id, projectId), { path: file, textField: "text", idField: "id", ...meta });
  expect(await runImport(imp.id)).toBe("done");
  return (await getDb()).import.findUniqueOrThrow({ where: { id: imp.id } });
}

const CSV = [
  "id,text,human,prod,prod_p",
  "a,I love it,positive,positive,0.9",
  "b,Broken on arrival,negative,positive,0.55",
  "c,Meh,,negative,",
  "d,Great value,Positive,,",
  "e,Bad label here,neutral,negative,0.6",
  "f,Bad score,negative,negative,2",
].join("\n");

describe("labels in", () => {
  it("keeps reference labels beside the items and another model's predictions as its suggestions; bad cells are row errors", async () => {
    const projectId = (await createTestProject(lead.id)).id;
    const imp = await importAndRun(projectId, writeFile("csv", CSV), {
      labelField: "human",
      labelMode: "REFERENCE",
      predictionField: "prod",
      predictionSource: "prod-v3",
      predictionScoreField: "prod_p",
    });
    expect({ inserted: imp.rowsInserted, failed: imp.rowsFailed, labels: imp.labelsWritten, kept: imp.labelsKept }).toEqual({
      inserted: 4,
      failed: 2,
      labels: 3 + 3,
      kept: 0,
    });
    const errors = await listImportErrors(await leadAccess(lead.id, projectId), imp.id);
    expect(errors.map((e) => [e.line, e.field, e.reason.split(":")[0]])).toEqual([
      [6, "human", "label"],
      [7, "prod_p", "prediction confidence must be a number from 0 to 1"],
    ]);
    const db = await getDb();
    const items = await db.item.findMany({ where: { projectId }, orderBy: { externalId: "asc" }, include: { reference: true, gold: true } });
    expect(items.map((i) => [i.externalId, i.reference?.value ?? null, i.gold, i.inQueue, i.status])).toEqual([
      ["a", { label: "positive" }, null, true, "PRELABELED"],
      ["b", { label: "negative" }, null, true, "PRELABELED"],
      ["c", null, null, true, "PRELABELED"],
      ["d", { label: "positive" }, null, true, "NEW"],
    ]);
    expect(items[0].metadata).toEqual({}); // label columns are not metadata
    const version = await db.promptVersion.findFirstOrThrow({ where: { projectId, externalSource: "prod-v3" } });
    expect(version.modelId).toBe("prod-v3");
    const suggestions = await db.suggestion.findMany({ where: { promptVersionId: version.id }, orderBy: { itemId: "asc" } });
    expect(suggestions.map((s) => [s.value, s.confidence, s.confidenceSource, s.model])).toEqual([
      [{ label: "positive" }, 0.9, "IMPORTED", "prod-v3"],
      [{ label: "positive" }, 0.55, "IMPORTED", "prod-v3"],
      [{ label: "negative" }, null, "IMPORTED", "prod-v3"],
    ]);
    // Not a prompt: the prompt list leaves it out and a run cannot start with it.
    expect((await listPromptVersions(await leadAccess(lead.id, projectId))).map((v) => v.id)).not.toContain(version.id);
    // Quality: the version agrees with the reference on a (positive) but not b, the items both have.
    const agreement = await referenceAgreement(projectId, "SINGLE_LABEL");
    expect(agreement?.references).toBe(3);
    expect(agreement?.rows.map((r) => [r.who, r.n, r.agree])).toEqual([
      ["Reviewers", 0, 0],
      ["Gold", 0, 0],
      [`Version ${version.number}`, 2, 1],
    ]);
    expect(agreement?.rows[2].interval?.low).toBeLessThan(0.5);
  });

  it("makes labels gold (IMPORTED) where nobody reviewed the item, keeps people's gold, and measures the model against it", async () => {
    const projectId = (await createTestProject(lead.id)).id;
    const db = await getDb();
    await importAndRun(projectId, writeFile("csv", CSV), { predictionField: "prod", predictionSource: "prod-v3" });
    // A person already reviewed b: their gold stays.
    const b = await db.item.findFirstOrThrow({ where: { projectId, externalId: "b" } });
    await db.goldLabel.create({ data: { itemId: b.id, projectId, value: { label: "positive" }, source: "SINGLE_REVIEW" } });
    await db.item.update({ where: { id: b.id }, data: { reviewCount: 1, inQueue: false, status: "REVIEWED" } });

    const imp = await importAndRun(projectId, writeFile("csv", CSV), { labelField: "human", labelMode: "GOLD" });
    expect({ existing: imp.rowsExisting, written: imp.labelsWritten, kept: imp.labelsKept }).toEqual({ existing: 5, written: 3, kept: 1 });
    const items = await db.item.findMany({ where: { projectId }, orderBy: { externalId: "asc" }, include: { gold: true } });
    expect(items.map((i) => [i.externalId, i.gold?.source ?? null, i.gold?.value ?? null, i.inQueue, i.status])).toEqual([
      ["a", "IMPORTED", { label: "positive" }, false, "REVIEWED"],
      ["b", "SINGLE_REVIEW", { label: "positive" }, false, "REVIEWED"],
      ["c", null, null, true, "PRELABELED"],
      ["d", "IMPORTED", { label: "positive" }, false, "REVIEWED"],
      ["e", null, null, true, "PRELABELED"], // its label "neutral" was a row error this time
      ["f", "IMPORTED", { label: "negative" }, false, "REVIEWED"],
    ]);
    // Imported gold measures the model (the triggers copy it onto suggestions), never as blind.
    const a = items[0];
    const s = await db.suggestion.findFirstOrThrow({ where: { itemId: a.id } });
    expect([s.goldValue, s.goldBlind]).toEqual([{ label: "positive" }, false]);
    // Raising reviewers per item does not send imported gold back to the queue.
    await (await getDatabase()).query(requeueForK(projectId, 2));
    expect((await db.item.findUniqueOrThrow({ where: { id: a.id } })).inQueue).toBe(false);
  });

  it("imports a Label Studio export: annotations as reference, predictions as the named model; a bad annotation costs the task only that annotation", async () => {
    const projectId = (await createTestProject(lead.id, { taskType: "SPANS" })).id;
    const db = await getDb();
    await db.label.deleteMany({ where: { projectId } });
    await db.label.createMany({ data: ["PER", "ORG"].map((name, i) => ({ projectId, name, color: "#000000", position: i })) });
    const region = (start: number, end: number, text: string, label: string) => ({
      from_name: "label",
      to_name: "text",
      type: "labels",
      value: { start, end, text, labels: [label] },
    });
    const tasks = [
      {
        id: 11,
        data: { text: "Ada works at IBM" },
        annotations: [{ result: [region(0, 3, "Ada", "PER"), region(13, 16, "IBM", "ORG")] }],
        predictions: [{ model_version: "spacy-lg", score: 0.8, result: [region(13, 16, "IBM", "ORG")] }],
      },
      { id: 12, data: { text: "No entities" }, annotations: [{ result: [] }], predictions: [] },
      { id: 13, text: "a task without a data wrapper" },
      { id: 14, data: { text: "Bob" }, annotations: [{ result: [region(0, 3, "Bib", "PER")] }] },
    ];
    const imp = await importAndRun(projectId, writeFile("json", JSON.stringify(tasks, null, 1)), { format: "LABEL_STUDIO", idField: "" });
    expect({ inserted: imp.rowsInserted, failed: imp.rowsFailed, dropped: imp.labelsDropped }).toEqual({ inserted: 4, failed: 0, dropped: 1 });
    const errors = await listImportErrors(await leadAccess(lead.id, projectId), imp.id);
    expect(errors.map((e) => [e.field, e.reason])).toEqual([
      ["annotations", "annotation 1 not imported: The text is not what the item has at these offsets (at spans.0.text); the task's text was"],
    ]);
    const items = await db.item.findMany({ where: { projectId }, orderBy: { externalId: "asc" }, include: { reference: true } });
    expect(items.map((i) => [i.externalId, i.reference?.value ?? null])).toEqual([
      [
        "11",
        {
          spans: [
            { label: "PER", start: 0, end: 3, text: "Ada" },
            { label: "ORG", start: 13, end: 16, text: "IBM" },
          ],
        },
      ],
      ["12", { spans: [] }],
      ["13", null],
      ["14", null],
    ]);
    const version = await db.promptVersion.findFirstOrThrow({ where: { projectId, externalSource: "spacy-lg" } });
    expect(await db.suggestion.count({ where: { promptVersionId: version.id } })).toBe(1);
  });

  it("exports Label Studio tasks that import back into another project unchanged", async () => {
    const source = (await createTestProject(lead.id)).id;
    await importAndRun(source, writeFile("csv", CSV), {
      labelField: "human",
      labelMode: "GOLD",
      predictionField: "prod",
      predictionSource: "prod-v3",
      predictionScoreField: "prod_p",
    });
    const db = await getDb();
    const e = await db.export.create({ data: { projectId: source, createdById: lead.id, format: "LABEL_STUDIO", options: { scope: "ALL" }, fileName: "x" } });
    await runExport(e.id);
    const file = await exportFile(await leadAccess(lead.id, source), e.id);
    expect(file.contentType).toBe("application/json");
    const tasks = JSON.parse(fs.readFileSync(file.path, "utf8"));
    expect(tasks).toHaveLength(4);
    expect(tasks[0]).toEqual({
      id: expect.any(Number),
      data: { text: "I love it", external_id: "a" },
      meta: {},
      annotations: [
        {
          result: [{ id: `gold-${tasks[0].id}-0`, from_name: "label", to_name: "text", type: "choices", value: { choices: ["positive"] } }],
          ground_truth: true,
          was_cancelled: false,
          goldset_source: "IMPORTED",
        },
      ],
      // An imported model keeps its own name: a second round trip does not wrap it again.
      predictions: [
        {
          result: [{ id: `suggestion-${tasks[0].id}-v1-0`, from_name: "label", to_name: "text", type: "choices", value: { choices: ["positive"] } }],
          score: 0.9,
          model_version: "prod-v3",
        },
      ],
    });

    const target = (await createTestProject(lead.id)).id;
    const back = await importAndRun(target, file.path, { format: "LABEL_STUDIO", idField: "", labelMode: "GOLD", predictionSource: "prod-v3" });
    expect({ inserted: back.rowsInserted, failed: back.rowsFailed }).toEqual({ inserted: 4, failed: 0 });
    const pick = async (projectId: string) =>
      (await db.item.findMany({ where: { projectId }, orderBy: { externalId: "asc" }, include: { gold: true } })).map((i) => [
        i.externalId,
        i.text,
        i.gold?.value ?? null,
      ]);
    expect(await pick(target)).toEqual(await pick(source));
    const predictions = async (projectId: string) =>
      (await db.suggestion.findMany({ where: { projectId }, orderBy: { value: "asc" }, select: { value: true, confidence: true } }))
        .map((s) => [s.value, s.confidence])
        .sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
    expect(await predictions(target)).toEqual(await predictions(source));
  });
});
