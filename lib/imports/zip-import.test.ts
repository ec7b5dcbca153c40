// Zip imports of images on a real database: pictures with and without a table naming them, each
// refused picture a bad row with its line and reason, the bytes content-addressed in the media
// store, and a second import of the same zip adding nothing.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import sharp from "sharp";
import { getDb } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { createImportFromFile } from "@/lib/imports/create-import";
import { runImport } from "@/lib/imports/run-import";
import { listImportErrors } from "@/lib/imports/queries";
import { createTestProject, createTestUser, leadAccess } from "@/lib/testing/factories";
import { mediaStore, sha256Of } from "@/lib/media/store";
import { shapeImage, zipOf } from "@/lib/testing/images";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "goldset-zip-"));
process.env.GOLDSET_DATA_DIR = tmp;
process.env.MEDIA_MAX_IMAGE_PIXELS = "1000000"; // a 2000 × 1000 picture is a "bomb" here
process.env.MEDIA_MAX_IMAGE_BYTES = "300000";
resetEnvForTests();

let lead: { id: string };
beforeAll(async () => {
  lead = await createTestUser();
});

async function imageProject() {
  const { id } = await createTestProject(lead.id, { taskType: "IMAGE_CLASSIFICATION" });
  return id;
}

async function importZip(projectId: string, zip: Buffer, opts: { idField?: string } = {}) {
  const file = path.join(tmp, `${Math.random().toString(36).slice(2)}.zip`);
  fs.writeFileSync(file, zip);
  const access = await leadAccess(lead.id, projectId);
  const imp = await createImportFromFile(access, { path: file, idField: opts.idField });
  expect(await runImport(imp.id)).toBe("done");
  const db = await getDb();
  return { imp: await db.import.findUniqueOrThrow({ where: { id: imp.id } }), errors: await listImportErrors(access, imp.id) };
}

describe("zip imports", () => {
  it("make an item of every picture when there is no table, refusing what is not a picture Goldset keeps", async () => {
    const projectId = await imageProject();
    const red = await shapeImage("red", "circle");
    const zip = zipOf({
      "shapes/a.png": red,
      "shapes/b.jpg": await shapeImage("blue", "square", 96, "jpeg"),
      "shapes/copy-of-a.png": red, // the same bytes: stored once
      "shapes/fake.png": "this is text, not a PNG",
      "shapes/huge.png": await shapeImage("green", "circle", 1000, "png", 2000),
      "__MACOSX/shapes/._a.png": "resource fork",
      "notes.txt": "ignored",
    });
    const { imp, errors } = await importZip(projectId, zip);
    expect([imp.status, imp.rowsInserted, imp.rowsFailed]).toEqual(["DONE", 3, 2]);
    expect(errors.map((e) => [e.field, e.reason])).toEqual([
      ["image", '"shapes/fake.png": not an image Goldset can read (PNG, JPEG, WebP or GIF)'],
      ["image", '"shapes/huge.png": the image is 2000 × 1000 pixels, more than the limit of 1,000,000 pixels'],
    ]);
    const db = await getDb();
    const items = await db.item.findMany({ where: { projectId }, include: { image: true }, orderBy: { id: "asc" } });
    expect(items.map((i) => i.text)).toEqual(["shapes/a.png", "shapes/b.jpg", "shapes/copy-of-a.png"]);
    expect(items[0].externalId).toBe(`shapes/a-${sha256Of(red).slice(0, 10)}`);
    expect(items.map((i) => [i.image!.contentType, i.image!.width, i.image!.height])).toEqual([
      ["image/png", 96, 96],
      ["image/jpeg", 96, 96],
      ["image/png", 96, 96],
    ]);
    expect(items[0].image!.sha256).toBe(items[2].image!.sha256);
    expect(await mediaStore().get(items[0].image!.sha256)).toEqual(red);
    expect(fs.readdirSync(path.join(tmp, "media"), { recursive: true }).filter((f) => /^[0-9a-f]{64}$/.test(path.basename(String(f))))).toHaveLength(2);
    // The same zip again adds nothing.
    const again = await importZip(projectId, zip);
    expect([again.imp.rowsInserted, again.imp.rowsExisting]).toEqual([0, 3]);
  });

  it("read a table inside the zip: its rows name their pictures, with ids, captions, metadata and reference labels", async () => {
    const projectId = await imageProject();
    const db = await getDb();
    await db.label.createMany({
      data: ["red", "blue"].map((name, position) => ({ projectId, name, color: "#111111", position })),
      skipDuplicates: true,
    });
    const table = [
      JSON.stringify({ id: "p1", image: "img/one.png", source: "camera", label: "red" }),
      JSON.stringify({ id: "p2", file: "two.png", text: "A blue square", source: "scan" }),
      JSON.stringify({ id: "p3", image: "img/missing.png" }),
      JSON.stringify({ id: "p4", source: "no image named" }),
    ].join("\n");
    const zip = zipOf({
      "data/items.jsonl": table,
      "data/img/one.png": await shapeImage("red", "circle"),
      "data/two.png": await shapeImage("blue", "square"),
    });
    const file = path.join(tmp, "table.zip");
    fs.writeFileSync(file, zip);
    const access = await leadAccess(lead.id, projectId);
    const imp = await createImportFromFile(access, { path: file, idField: "id", labelField: "label", labelMode: "REFERENCE" });
    expect(await runImport(imp.id)).toBe("done");
    const errors = await listImportErrors(access, imp.id);
    expect(errors.map((e) => [e.line, e.field, e.reason])).toEqual([
      [3, "image", 'no image "img/missing.png" in the zip'],
      [4, "image", "the row names no image (a column image, file, path, file_name, filename)"],
    ]);
    const items = await db.item.findMany({ where: { projectId }, include: { image: true }, orderBy: { id: "asc" } });
    expect(items.map((i) => [i.externalId, i.text, i.metadata, i.image!.path])).toEqual([
      ["p1", "img/one.png", { source: "camera" }, "img/one.png"],
      ["p2", "A blue square", { source: "scan" }, "two.png"],
    ]);
    const reference = await db.referenceLabel.findMany({ where: { projectId } });
    expect(reference.map((r) => r.value)).toEqual([{ label: "red" }]);
  });

  it("are refused for a text project, and a text file for an image project, with a reason", async () => {
    const textProject = (await createTestProject(lead.id)).id;
    const zip = path.join(tmp, "t.zip");
    fs.writeFileSync(zip, zipOf({ "a.png": await shapeImage("red", "circle") }));
    await expect(createImportFromFile(await leadAccess(lead.id, textProject), { path: zip })).rejects.toThrow(/for image projects/);
    const csv = path.join(tmp, "t.csv");
    fs.writeFileSync(csv, "text\nhello\n");
    await expect(createImportFromFile(await leadAccess(lead.id, await imageProject()), { path: csv })).rejects.toBeInstanceOf(AppError);
    // Named .zip but not one: refused at upload, before any job runs.
    const fakeZip = path.join(tmp, "not-really.zip");
    fs.writeFileSync(fakeZip, "id,text\n1,hello\n");
    await expect(createImportFromFile(await leadAccess(lead.id, await imageProject()), { path: fakeZip })).rejects.toThrow(/not a zip/);
  });

  it("refuse a zip with two tables, and one with no picture at all, as the import's error", async () => {
    const projectId = await imageProject();
    for (const [files, reason] of [
      [{ "a.csv": "image\na.png\n", "b.jsonl": "{}", "a.png": await shapeImage("red", "circle") }, /holds 2 tables/],
      [{ "readme.txt": "nothing here" }, /no PNG, JPEG, WebP or GIF images/],
    ] as const) {
      const file = path.join(tmp, `bad-${Math.random()}.zip`);
      fs.writeFileSync(file, zipOf(files as Record<string, Buffer | string>));
      const imp = await createImportFromFile(await leadAccess(lead.id, projectId), { path: file });
      expect(await runImport(imp.id)).toBe("failed");
      const db = await getDb();
      expect((await db.import.findUniqueOrThrow({ where: { id: imp.id } })).error).toMatch(reason);
    }
    // A picture that is not what its name says is read by its bytes: a JPEG named .png is a JPEG.
    const jpeg = await shapeImage("blue", "circle", 96, "jpeg");
    expect((await sharp(jpeg).metadata()).format).toBe("jpeg");
  });
});
