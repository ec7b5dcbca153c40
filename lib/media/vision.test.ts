// Images through the one door to the model: the picture read from the media store, scaled within
// the documented limits, sent as an image block before its file name, counted by width × height /
// 750 in the estimate and the reservation, and answered by the fake, which checks image blocks as
// the API does. The S3-compatible store is tested against s3rver.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import S3rver from "s3rver";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { getDb } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { createImportFromFile } from "@/lib/imports/create-import";
import { runImport } from "@/lib/imports/run-import";
import { insertProject } from "@/lib/projects/create-project";
import { createTestProject, createTestUser, leadAccess } from "@/lib/testing/factories";
import { projectImage } from "@/lib/media/serve";
import { startFakeLlm } from "@/lib/testing/llm-fixtures";
import type { FakeAnthropic } from "@/lib/testing/fake-anthropic/server";
import { createPromptVersion } from "@/lib/prompts/create-prompt-version";
import { promptVersionSchema } from "@/lib/prompts/schemas";
import { createRun } from "@/lib/runs/create-run";
import { startRunSchema } from "@/lib/runs/schemas";
import { estimateRun } from "@/lib/runs/estimate";
import { processRun } from "@/lib/testing/process-run";
import { shapeImage, zipOf } from "@/lib/testing/images";
import { imageTokens, sentSize, VISION } from "@/lib/media/image";
import { mediaStore, S3MediaStore, sha256Of } from "@/lib/media/store";
import { runExport } from "@/lib/exports/run-export";
import { exportFile } from "@/lib/exports/exports";
import { untarBuffers } from "@/lib/testing/untar";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "goldset-vision-"));
process.env.GOLDSET_DATA_DIR = tmp;
resetEnvForTests();

let fake: FakeAnthropic;
beforeAll(async () => {
  fake = await startFakeLlm({ latencyMs: 0 });
});
afterAll(async () => {
  await fake.stop();
});

const COLOURS = ["red", "blue", "green", "yellow", "red", "blue"] as const;

async function colourProject() {
  const lead = await createTestUser();
  const project = await insertProject(lead.id, {
    name: "Colours",
    taskType: "IMAGE_CLASSIFICATION",
    labels: ["red", "blue", "green", "yellow"].map((name, i) => ({ name, color: "#111111", hotkey: String(i + 1) })),
  });
  const access = await leadAccess(lead.id, project.id);
  const files: Record<string, Buffer> = {};
  for (const [i, c] of COLOURS.entries()) files[`shape-${i}.png`] = await shapeImage(c, (["circle", "square", "triangle"] as const)[i % 3]);
  files["wide.png"] = await shapeImage("green", "square", 1000, "png", 2000); // scaled before sending
  const zip = path.join(tmp, `${project.id}.zip`);
  fs.writeFileSync(zip, zipOf(files));
  const imp = await createImportFromFile(access, { path: zip });
  expect(await runImport(imp.id)).toBe("done");
  const version = await createPromptVersion(
    access,
    promptVersionSchema.parse({
      modelId: "claude-haiku-4-5",
      strategy: "ZERO_SHOT",
      instructions: "Name the shape's colour.",
      settings: { temperature: 0, maxTokens: 200, samples: 1 },
    }),
  );
  return { access, projectId: project.id, versionId: version.id };
}

describe("images for the model", () => {
  it("are scaled within the documented long edge and area, and cost width × height / 750 tokens", () => {
    expect(sentSize(800, 600)).toEqual({ width: 800, height: 600 });
    const wide = sentSize(4000, 1000); // the long edge binds: 1568 px
    expect(wide).toEqual({ width: 1568, height: 392 });
    const square = sentSize(2000, 2000); // the area binds: about 1.15 megapixels
    expect(square.width * square.height).toBeLessThanOrEqual(VISION.maxPixels);
    expect(square.width).toBe(1072);
    expect(imageTokens(1000, 1000)).toBe(1334);
  });

  it("are labeled by Claude through the one door, the estimate and the spend counting the pictures", async () => {
    const { access, projectId, versionId } = await colourProject();
    const estimate = await estimateRun(access, { promptVersionId: versionId, selection: { kind: "MISSING" }, mode: "DIRECT" });
    const wide = sentSize(2000, 1000);
    const pictureTokens = 6 * imageTokens(96, 96) + imageTokens(wide.width, wide.height);
    expect(estimate.items).toBe(7);
    // The worst case holds at least every picture's tokens at the input price (plus the rest).
    expect(estimate.worstCaseUsd).toBeGreaterThan(((pictureTokens * 1) / 1e6) * 1.25);

    const run = await createRun(access, startRunSchema.parse({ promptVersionId: versionId, selection: { kind: "MISSING" }, concurrency: 2 }));
    expect(await processRun(run.id)).toBe("done");
    const db = await getDb();
    const items = await db.item.findMany({ where: { projectId }, include: { image: true } });
    const suggestions = await db.suggestion.findMany({ where: { projectId } });
    expect(suggestions.every((s) => s.status === "OK")).toBe(true);
    const byItem = new Map(suggestions.map((s) => [s.itemId, s]));
    for (const item of items) {
      const want = item.text === "wide.png" ? "green" : COLOURS[Number(/shape-(\d)/.exec(item.text)![1])];
      expect(byItem.get(item.id)!.value, item.text).toEqual({ label: want });
    }
    // The wide picture went out scaled: its tokens are the scaled size's, not 2000 × 1000's.
    const wideItem = items.find((i) => i.text === "wide.png")!;
    const small = items.find((i) => i.text === "shape-0.png")!;
    const extra = byItem.get(wideItem.id)!.inputTokens - byItem.get(small.id)!.inputTokens;
    // (the file names differ by a token or two of text)
    expect(Math.abs(extra - (imageTokens(wide.width, wide.height) - imageTokens(96, 96)))).toBeLessThanOrEqual(3);
    expect(imageTokens(wide.width, wide.height)).toBeLessThan(imageTokens(2000, 1000));
  });

  it("are labeled in batch mode too, in batches bounded by pictures (16 each), with the same answers", async () => {
    process.env.BATCH_POLL_MS = "40";
    resetEnvForTests();
    const { access, projectId, versionId } = await colourProject();
    const before = fake.stats.batchesCreated;
    const run = await createRun(access, startRunSchema.parse({ promptVersionId: versionId, selection: { kind: "MISSING" }, mode: "BATCH" }));
    expect(await processRun(run.id)).toBe("done");
    expect(fake.stats.batchesCreated - before).toBe(1); // 7 pictures: one batch
    const db = await getDb();
    const items = await db.item.findMany({ where: { projectId } });
    const byItem = new Map((await db.suggestion.findMany({ where: { projectId } })).map((s) => [s.itemId, s]));
    for (const item of items) {
      const want = item.text === "wide.png" ? "green" : COLOURS[Number(/shape-(\d)/.exec(item.text)![1])];
      expect(byItem.get(item.id)?.value, item.text).toEqual({ label: want });
    }
  });

  it("go out in a Hugging Face folder as the Hub's imagefolder: metadata.jsonl beside the pictures, an image feature in the card", async () => {
    const { access, projectId } = await colourProject();
    const db = await getDb();
    const items = await db.item.findMany({ where: { projectId }, include: { image: true }, orderBy: { id: "asc" } });
    for (const item of items.slice(0, 3)) await db.goldLabel.create({ data: { itemId: item.id, projectId, value: { label: "red" }, source: "SINGLE_REVIEW" } });
    const hf = await db.export.create({ data: { projectId, createdById: access.userId, format: "HF_DATASET", options: {}, fileName: "x.tar" } });
    expect(await runExport(hf.id)).toBe("done");
    const entries = await untarBuffers(fs.readFileSync((await exportFile(access, hf.id)).path));
    const rows = entries
      .get("data/train/metadata.jsonl")!
      .toString()
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(rows).toHaveLength(3); // the gold items (the default scope)
    for (const row of rows) {
      const item = items.find((i) => i.externalId === row.id)!;
      expect(row.file_name).toBe(`images/${item.image!.sha256}.png`);
      expect(entries.get(`data/train/${row.file_name}`)).toEqual(await mediaStore().get(item.image!.sha256));
    }
    const card = entries.get("README.md")!.toString();
    expect(card).toContain("path: data/train/**");
    expect(card).toContain("- name: image\n    dtype: image");
    expect(card).toContain("- image-classification");
    // JSONL names each picture by its path and hash.
    const jsonl = await db.export.create({ data: { projectId, createdById: access.userId, format: "JSONL", options: {}, fileName: "x.jsonl" } });
    expect(await runExport(jsonl.id)).toBe("done");
    const first = JSON.parse(fs.readFileSync((await exportFile(access, jsonl.id)).path, "utf8").split("\n")[0]);
    expect(first.image).toEqual({ path: items[0].image!.path, sha256: items[0].image!.sha256, content_type: "image/png" });
  });

  it("are served to members of a project that has them, and to nobody else", async () => {
    const { access, projectId } = await colourProject();
    const db = await getDb();
    const { sha256 } = (await db.item.findFirstOrThrow({ where: { projectId }, include: { image: true } })).image!;
    expect((await projectImage(access, sha256)).contentType).toBe("image/png");
    // A lead of another project who knows the hash: not found, as for any id of another project.
    const other = await createTestUser();
    const otherProject = await createTestProject(other.id, { taskType: "IMAGE_CLASSIFICATION" });
    await expect(projectImage(await leadAccess(other.id, otherProject.id), sha256)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("fail on their own, never guessed from the file name, when the picture is gone from the store", async () => {
    const { access, projectId, versionId } = await colourProject();
    const db = await getDb();
    const item = await db.item.findFirstOrThrow({ where: { projectId, text: "shape-1.png" }, include: { image: true } });
    // Another picture's bytes keep their name; this one's are removed from the local store.
    const h = item.image!.sha256;
    fs.rmSync(path.join(tmp, "media", h.slice(0, 2), h.slice(2, 4), h));
    const run = await createRun(access, startRunSchema.parse({ promptVersionId: versionId, selection: { kind: "MISSING" }, concurrency: 1 }));
    expect(await processRun(run.id)).toBe("done");
    const failed = await db.suggestion.findFirstOrThrow({ where: { itemId: item.id } });
    expect(failed.status).toBe("FAILED");
    expect(failed.failureReason).toMatch(/missing from the media store/);
  });

  it("are refused by the fake as the API refuses them: a media type that lies, bad base64, too many bytes", async () => {
    const png = (await shapeImage("red", "circle")).toString("base64");
    const body = (source: object) => ({
      model: "claude-haiku-4-5",
      max_tokens: 10,
      messages: [
        {
          role: "user",
          content: [
            { type: "image", source },
            { type: "text", text: "What colour?" },
          ],
        },
      ],
    });
    const post = async (source: object) => {
      const res = await fetch(`${fake.url}/v1/messages`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-api-key": "k" },
        body: JSON.stringify(body(source)),
      });
      return { status: res.status, body: (await res.json()) as { error?: { type: string; message: string } } };
    };
    expect((await post({ type: "base64", media_type: "image/png", data: png })).status).toBe(200);
    const lying = await post({ type: "base64", media_type: "image/jpeg", data: png });
    expect([lying.status, lying.body.error?.type]).toEqual([400, "invalid_request_error"]);
    expect(lying.body.error?.message).toMatch(/does not match the provided media type/);
    expect((await post({ type: "base64", media_type: "image/bmp", data: png })).body.error?.message).toMatch(/media_type/);
    expect((await post({ type: "base64", media_type: "image/png", data: "%%%" })).body.error?.message).toMatch(/Invalid base64/);
    const big = Buffer.alloc(VISION.maxBytes + 10, 1).toString("base64");
    expect((await post({ type: "base64", media_type: "image/png", data: big })).body.error?.message).toMatch(/exceeds 5 MB/);
  });
});

describe("the S3-compatible media store", () => {
  it("keeps and returns bytes by their hash (against s3rver), and says when it has none", async () => {
    const dir = fs.mkdtempSync(path.join(tmp, "s3-"));
    const server = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: dir });
    const { port } = await server.run();
    try {
      const endpoint = `http://127.0.0.1:${port}`;
      const credentials = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };
      await new S3Client({ region: "us-east-1", endpoint, forcePathStyle: true, credentials }).send(new CreateBucketCommand({ Bucket: "goldset" }));
      const store = new S3MediaStore({ bucket: "goldset", endpoint, region: "us-east-1", prefix: "media/", credentials });
      const bytes = await shapeImage("blue", "triangle");
      const h = sha256Of(bytes);
      expect(await store.has(h)).toBe(false);
      expect(await store.get(h)).toBeNull();
      await store.put(h, bytes, "image/png");
      await store.put(h, bytes, "image/png"); // again: nothing changes
      expect(await store.has(h)).toBe(true);
      expect(await store.get(h)).toEqual(bytes);
      expect(() => store.get("../etc/passwd")).rejects.toThrow(/Not a SHA-256/);
    } finally {
      await server.close();
    }
  });
});
