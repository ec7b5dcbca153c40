// Label Studio -> Goldset -> Label Studio with Label Studio's own test files
// (lib/testing/fixtures/label-studio): every task comes in (bare tasks, unknown labels), every
// annotation and every model's prediction is kept, and the export back is the same in every field
// Goldset understands: data, annotation results and lead times, predictions and model versions,
// under the file's own from_name and to_name. Also Goldset -> Label Studio against a labeling
// config the lead gives.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { createImportFromFile, type UploadMeta } from "@/lib/imports/create-import";
import { runImport } from "@/lib/imports/run-import";
import { listImportErrors } from "@/lib/imports/queries";
import { runExport } from "@/lib/exports/run-export";
import { createExport, exportFile } from "@/lib/exports/exports";
import { exportOptionsSchema } from "@/lib/exports/options";
import { createTestUser, leadAccess } from "@/lib/testing/factories";
import { insertProject } from "@/lib/projects/create-project";

process.env.IMPORT_CHUNK_ROWS = "2"; // tasks cross chunk boundaries
resetEnvForTests();

const FIXTURES = path.join(process.cwd(), "lib/testing/fixtures/label-studio");
type Region = { from_name: string; to_name: string; type: string; value: unknown };
type Task = {
  data?: Record<string, unknown>;
  annotations?: { result: Region[]; lead_time?: number }[];
  predictions?: { result: Region[]; model_version?: string; score?: number }[];
  [k: string]: unknown;
};
const fixture = (name: string): Task[] => JSON.parse(fs.readFileSync(path.join(FIXTURES, name), "utf8"));

let lead: { id: string };
beforeAll(async () => {
  lead = await createTestUser();
});

async function project(labels: string[]) {
  const p = await insertProject(lead.id, {
    name: "From Label Studio",
    taskType: "SINGLE_LABEL",
    labels: labels.map((name, i) => ({ name, color: "#2563eb", hotkey: String(i + 1) })),
  });
  return { projectId: p.id, access: await leadAccess(lead.id, p.id) };
}

async function importFile(projectId: string, name: string, meta: Partial<UploadMeta> = {}) {
  const access = await leadAccess(lead.id, projectId);
  const imp = await createImportFromFile(access, { path: path.join(FIXTURES, name), format: "LABEL_STUDIO", ...meta });
  expect(await runImport(imp.id)).toBe("done");
  return (await getDb()).import.findUniqueOrThrow({ where: { id: imp.id } });
}

async function exportTasks(projectId: string, options: object = {}): Promise<Task[]> {
  const access = await leadAccess(lead.id, projectId);
  const e = await createExport(access, exportOptionsSchema.parse({ format: "LABEL_STUDIO", scope: "ALL", ...options }));
  expect(await runExport(e.id)).toBe("done");
  return JSON.parse(fs.readFileSync((await exportFile(access, e.id)).path, "utf8"));
}

/** A task as Goldset understands it: data (without the id Goldset adds), regions without their ids, lead times, model versions and scores. */
function understood(t: Task) {
  const data = { ...(t.data ?? Object.fromEntries(Object.entries(t).filter(([k]) => !["annotations", "predictions", "id", "meta"].includes(k)))) };
  delete data.external_id;
  const regions = (rs: Region[]) => rs.map(({ from_name, to_name, type, value }) => ({ from_name, to_name, type, value }));
  return {
    data,
    annotations: (t.annotations ?? []).map((a) => ({ result: regions(a.result), lead_time: a.lead_time ?? null })),
    predictions: (t.predictions ?? []).map((p) => ({ result: regions(p.result), model_version: p.model_version ?? null, score: p.score ?? null })),
  };
}
const byText = (tasks: Task[]) => tasks.map(understood).sort((a, b) => String(a.data.text).localeCompare(String(b.data.text)));

describe("Label Studio round trips", () => {
  it("takes in every task of Label Studio's test file: bare tasks, and tasks whose labels the project lacks keep their text", async () => {
    const { projectId, access } = await project(["class_A", "class_B"]);
    const imp = await importFile(projectId, "tasks_annotations_predictions.json");
    expect({ inserted: imp.rowsInserted, failed: imp.rowsFailed, dropped: imp.labelsDropped }).toEqual({ inserted: 6, failed: 0, dropped: 2 });
    const notes = await listImportErrors(access, imp.id);
    expect(notes.map((n) => [n.field, n.reason])).toEqual([
      ["annotations", expect.stringContaining('the project has no label "class_TESTING"')],
      ["predictions", expect.stringContaining('the project has no label "class_PREDICTIONS_TESTING"')],
    ]);
    const db = await getDb();
    const items = await db.item.findMany({ where: { projectId }, orderBy: { text: "asc" }, include: { reference: true } });
    expect(items.map((i) => i.text)).toEqual(["Test example phrase 1", "opop", "vivi", "x2", "yoyo", "zzz"]);
    // Both annotations of "x2" are kept, with their lead times; data fields are metadata.
    const x2 = items.find((i) => i.text === "x2")!;
    expect(x2.metadata).toEqual({ int_field: 20 });
    expect((x2.reference!.annotations as { leadTime: number }[]).map((a) => a.leadTime)).toEqual([3, 5]);
  });

  it("adds the missing labels when asked, and gives every field back on export", async () => {
    const { projectId } = await project(["class_A", "class_B"]);
    const imp = await importFile(projectId, "tasks_annotations_predictions.json", { unknownLabels: "ADD" });
    expect({ inserted: imp.rowsInserted, dropped: imp.labelsDropped }).toEqual({ inserted: 6, dropped: 0 });
    const db = await getDb();
    expect((await db.label.findMany({ where: { projectId }, orderBy: { position: "asc" } })).map((l) => l.name)).toEqual([
      "class_A",
      "class_B",
      "class_TESTING",
      "class_PREDICTIONS_TESTING",
    ]);
    const original = fixture("tasks_annotations_predictions.json");
    const back = await exportTasks(projectId);
    // The one field Goldset adds: a prediction that named no model is "imported model" now.
    const expected = byText(original).map((t) => ({
      ...t,
      predictions: t.predictions.map((p) => ({ ...p, model_version: p.model_version ?? "imported model" })),
    }));
    expect(byText(back)).toEqual(expected);
    // Round and round: importing the export into a fresh project and exporting again changes nothing (no model_version nesting).
    const again = await project(["class_A", "class_B"]);
    fs.writeFileSync(path.join(FIXTURES, "..", "round-trip.tmp.json"), JSON.stringify(back));
    try {
      const access = await leadAccess(lead.id, again.projectId);
      const imp2 = await createImportFromFile(access, { path: path.join(FIXTURES, "..", "round-trip.tmp.json"), format: "LABEL_STUDIO", unknownLabels: "ADD" });
      expect(await runImport(imp2.id)).toBe("done");
    } finally {
      fs.rmSync(path.join(FIXTURES, "..", "round-trip.tmp.json"), { force: true });
    }
    expect(byText(await exportTasks(again.projectId))).toEqual(expected);
  });

  it("keeps both models' predictions of a task, each as its own version", async () => {
    const { projectId } = await project(["class_A", "class_B"]);
    await importFile(projectId, "text_with_2_predictions.json");
    const db = await getDb();
    expect((await db.promptVersion.findMany({ where: { projectId }, orderBy: { number: "asc" } })).map((v) => v.externalSource)).toEqual([
      "model_version_A",
      "model_version_B",
    ]);
    expect(byText(await exportTasks(projectId))).toEqual(byText(fixture("text_with_2_predictions.json")));
  });

  it("exports against the lead's labeling config: regions named by its tags, the text under its data key", async () => {
    const { projectId } = await project(["positive", "negative"]);
    const db = await getDb();
    await db.item.create({ data: { projectId, externalId: "r1", text: "Lovely", metadata: { source: "web" } } });
    const config = `<View>
  <Text name="review_text" value="$review"/>
  <Choices name="sentiment" toName="review_text" choice="single"><Choice value="positive"/><Choice value="negative"/></Choices>
</View>`;
    const access = await leadAccess(lead.id, projectId);
    const item = await db.item.findFirstOrThrow({ where: { projectId } });
    await db.goldLabel.create({ data: { itemId: item.id, projectId, value: { label: "positive" }, source: "CORRECTION" } });
    const [task] = await exportTasks(projectId, { labelStudioConfig: config });
    expect(task.data).toEqual({ source: "web", review: "Lovely", external_id: "r1" });
    expect(task.annotations![0].result.map((r) => [r.from_name, r.to_name, r.type])).toEqual([["sentiment", "review_text", "choices"]]);
    await expect(
      createExport(access, exportOptionsSchema.parse({ format: "LABEL_STUDIO", labelStudioConfig: "<View><Text name='t' value='$x'/></View>" })),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { labelStudioConfig: expect.any(String) },
    });
  });
});
