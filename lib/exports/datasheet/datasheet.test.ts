// The datasheet beside every export: its counts per source of label equal the export's own rows
// (read back from each format's file and classified here, independently, from the fixture), and it
// says what it should: measured errors with what they were measured on, versions and cost,
// reviewers counted and named only when the lead chooses, the lead's text, and in the HF card.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { parse as parseCsv } from "csv-parse/sync";
import { getDb } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { runExport } from "@/lib/exports/run-export";
import { exportFile } from "@/lib/exports/exports";
import { EXPORT_FORMATS } from "@/lib/exports/options";
import { leadAccess } from "@/lib/testing/factories";
import { reviewedProject } from "@/lib/testing/export-fixtures";
import { untarBuffers } from "@/lib/testing/untar";
import { saveLeadText } from "@/lib/exports/datasheet/save-lead-text";
import { leadTextSchema } from "@/lib/exports/datasheet/lead-text";
import type { Datasheet } from "@/lib/exports/datasheet/render";

const N = 42;

/** Item i (1-based) by i % 7: 0 reviewed, 1 adjudicated, 2 imported, 3 auto-accepted, 4 suggestion only, 5 reference only, 6 synthetic (reviewed). */
const EXPECTED_SOURCE = ["reviewed", "adjudicated", "imported", "auto_accepted", "llm_unreviewed", "reference", "synthetic"] as const;

async function mixedProject() {
  const { lead, projectId } = await reviewedProject(N);
  const db = await getDb();
  const ids = (r: number) => sql`(SELECT id FROM "Item" WHERE "projectId" = ${projectId} AND substr("externalId", 2)::int % 7 = ${r})`;
  await db.$executeRaw(sql`UPDATE "GoldLabel" SET source = 'ADJUDICATION' WHERE "itemId" IN ${ids(1)}`);
  await db.$executeRaw(sql`UPDATE "GoldLabel" SET source = 'IMPORTED', blind = false WHERE "itemId" IN ${ids(2)}`);
  // Auto-accepted gold is only ever written where there was none (the triggers never copy it into the suggestions).
  await db.$executeRaw(sql`DELETE FROM "GoldLabel" WHERE "itemId" IN ${ids(3)}`);
  await db.$executeRaw(
    sql`INSERT INTO "GoldLabel" ("itemId", "projectId", value, source, blind, "updatedAt") SELECT id, ${projectId}, '{"label":"positive"}', 'AUTO', false, now() FROM "Item" WHERE id IN ${ids(3)}`,
  );
  await db.$executeRaw(sql`DELETE FROM "GoldLabel" WHERE "itemId" IN ${ids(4)}`);
  await db.$executeRaw(sql`DELETE FROM "GoldLabel" WHERE "itemId" IN ${ids(5)}`);
  await db.$executeRaw(sql`DELETE FROM "Suggestion" WHERE "itemId" IN ${ids(5)}`);
  await db.$executeRaw(
    sql`INSERT INTO "ReferenceLabel" ("itemId", "projectId", value) SELECT id, ${projectId}, '{"label":"negative"}' FROM "Item" WHERE id IN ${ids(5)}`,
  );
  await db.$executeRaw(sql`UPDATE "Item" SET origin = 'SYNTHETIC' WHERE id IN ${ids(6)}`);
  return { lead, projectId };
}

/** The external ids of the rows in an export file, whatever its format. */
async function rowIds(format: string, content: Buffer, side: () => Buffer): Promise<string[]> {
  const text = content.toString("utf8");
  const lines = (s: string) =>
    s
      .trim()
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l));
  if (format === "JSONL" || format === "PREFERENCE") return lines(text).map((l) => l.id);
  if (format === "CSV") return (parseCsv(text, { columns: true }) as { id: string }[]).map((r) => r.id);
  if (format === "LABEL_STUDIO") return (JSON.parse(text) as { data: { external_id: string } }[]).map((t) => t.data.external_id);
  if (format === "HF_DATASET") return lines((await untarBuffers(content)).get("data/train.jsonl")!.toString("utf8")).map((l) => l.id);
  return lines(side().toString("utf8")).map((l) => l.id); // fine-tuning: the provenance file, line for line
}

async function exportWithSheet(lead: { id: string }, projectId: string, format: string, options: object) {
  const db = await getDb();
  const e = await db.export.create({ data: { projectId, createdById: lead.id, format: format as "JSONL", options, fileName: "x" } });
  expect(await runExport(e.id)).toBe("done");
  const access = await leadAccess(lead.id, projectId);
  const data = await exportFile(access, e.id);
  const json = JSON.parse(fs.readFileSync((await exportFile(access, e.id, "datasheet.json")).path, "utf8")) as Datasheet;
  const md = fs.readFileSync((await exportFile(access, e.id, "datasheet.md")).path, "utf8");
  const side = async () => fs.readFileSync((await exportFile(access, e.id, "provenance")).path);
  const sideContent = format.startsWith("FINETUNE") ? await side() : Buffer.alloc(0);
  return { content: fs.readFileSync(data.path), json, md, side: () => sideContent };
}

describe("the datasheet with every export", () => {
  it("counts, for every format, exactly the export's rows per source of label", async () => {
    const { lead, projectId } = await mixedProject();
    for (const format of EXPORT_FORMATS) {
      const scope = format === "PREFERENCE" ? "GOLD" : "ALL";
      const { content, json, side } = await exportWithSheet(lead, projectId, format, { scope, includeSynthetic: true });
      const ids = await rowIds(format, content, side);
      expect(ids.length, format).toBeGreaterThan(0);
      const expected: Record<string, number> = {};
      for (const id of ids) {
        const source = EXPECTED_SOURCE[Number(id.slice(1)) % 7];
        expected[source] = (expected[source] ?? 0) + 1;
      }
      const counted = Object.fromEntries(json.sources.filter((s) => s.rows > 0).map((s) => [s.source, s.rows]));
      expect(counted, format).toEqual(expected);
      expect(json.exported.rows, format).toBe(ids.length);
    }
  });

  it("states each source's measured error and what it was measured on, the versions and their cost, and the dates", async () => {
    const { lead, projectId } = await mixedProject();
    const db = await getDb();
    await db.$executeRaw(sql`UPDATE "Suggestion" SET "costUsd" = 0.002 WHERE "projectId" = ${projectId}`);
    const { json, md } = await exportWithSheet(lead, projectId, "JSONL", { scope: "ALL", includeSynthetic: true });
    // The model's error on the blind slice: blind gold items (id % 10 = 0, still gold and real), model vs gold.
    const blind = await db.$queryRaw<{ n: number; wrong: number }[]>(
      sql`SELECT count(*)::int AS n, (count(*) FILTER (WHERE s.value->>'label' <> g.value->>'label'))::int AS wrong
          FROM "GoldLabel" g JOIN "Suggestion" s ON s."itemId" = g."itemId" WHERE g."projectId" = ${projectId} AND g.blind AND g.source <> 'AUTO'`,
    );
    const llm = json.sources.find((s) => s.source === "llm_unreviewed")!;
    expect(llm.error).toMatchObject({ n: blind[0].n, errors: blind[0].wrong });
    expect(llm.error!.on).toContain("blind gold items");
    expect(llm.error!.interval!.low).toBeLessThanOrEqual(llm.error!.rate!);
    expect(json.sources.find((s) => s.source === "adjudicated")!.error).toBeNull();
    expect(json.sources.find((s) => s.source === "reviewed")!.note).toMatch(/no item was reviewed by two people/);
    const suggestions = N - Math.floor((N + 2) / 7); // every item but those with i % 7 = 5
    expect(json.prompt_versions).toEqual([expect.objectContaining({ number: 1, model: "m", items: suggestions })]);
    expect(json.prompt_versions[0].costUsd).toBeCloseTo(0.002 * suggestions, 9);
    expect(json.blind_slice.items).toBe(blind[0].n);
    expect(json.dates.firstItem).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(json.reviewers.names).toBeNull();
    expect(md).toContain("## Where the labels came from");
    expect(md).toMatch(/\| The LLM's suggestion, not reviewed \| 6 \| [\d.]+% \(95% /);
  });

  it("names the weak slices the model is significantly worse on", async () => {
    const { lead, projectId } = await reviewedProject(240);
    const db = await getDb();
    // A quarter of the items come from a forum, where the model is wrong 4 times in 5; elsewhere it is always right.
    await db.$executeRaw(
      sql`UPDATE "Item" SET metadata = jsonb_build_object('source', CASE WHEN id % 4 = 0 THEN 'forum' ELSE 'web' END) WHERE "projectId" = ${projectId}`,
    );
    await db.$executeRaw(
      sql`UPDATE "Suggestion" s SET value = CASE WHEN i.metadata->>'source' = 'forum' AND i.id % 5 <> 0
                                      THEN jsonb_build_object('label', CASE WHEN s."goldValue"->>'label' = 'positive' THEN 'negative' ELSE 'positive' END)
                                      ELSE s."goldValue" END
          FROM "Item" i WHERE i.id = s."itemId" AND s."projectId" = ${projectId}`,
    );
    const { json, md } = await exportWithSheet(lead, projectId, "JSONL", {});
    expect(json.weak_slices.fieldsChecked).toEqual(expect.arrayContaining(["Length of the text", "source"]));
    expect(json.weak_slices.slices).toEqual([expect.objectContaining({ field: "source", slice: "forum", n: 60, restAccuracy: 1 })]);
    expect(json.weak_slices.slices[0].accuracy).toBeCloseTo(12 / 60, 9);
    expect(md).toMatch(/- source = forum: the model was right on 20\.0% of 60/);
  });

  it("carries the lead's text, names reviewers only when the lead chooses, and goes into the Hugging Face card", async () => {
    const { lead, projectId } = await mixedProject();
    const db = await getDb();
    const annotator = await db.user.create({ data: { email: `rev-${projectId}@x.test`, name: "Rhea Reviewer", passwordHash: "x" } });
    const item = await db.item.findFirstOrThrow({ where: { projectId }, select: { id: true } });
    await db.decision.create({
      data: {
        id: `d-${projectId}`,
        projectId,
        itemId: item.id,
        annotatorId: annotator.id,
        action: "LABELED",
        value: { label: "positive" },
        blind: false,
        seconds: 4,
      },
    });
    const access = await leadAccess(lead.id, projectId);
    await saveLeadText(access, leadTextSchema.parse({ motivation: "Spam triage for the support inbox.", licence: "CC-BY-4.0" }));
    const hidden = await exportWithSheet(lead, projectId, "HF_DATASET", { scope: "ALL" });
    expect(hidden.json.reviewers).toMatchObject({ count: 1, names: null });
    expect(hidden.md).not.toContain("Rhea");
    expect(hidden.json.motivation).toBe("Spam triage for the support inbox.");
    const files = await untarBuffers(hidden.content);
    const readme = files.get("README.md")!.toString("utf8");
    expect(readme).toContain("## Datasheet:");
    expect(readme).toContain("### Where the labels came from");
    expect(readme).toContain("Spam triage for the support inbox.");
    expect(JSON.parse(files.get("datasheet.json")!.toString("utf8")).sources).toEqual(hidden.json.sources);

    await saveLeadText(access, leadTextSchema.parse({ nameReviewers: "on" }));
    const named = await exportWithSheet(lead, projectId, "JSONL", { scope: "GOLD" });
    expect(named.json.reviewers.names).toEqual(["Rhea Reviewer"]);
    expect(named.md).toContain("Rhea Reviewer");
  });
});
