// Exports on a real database: content, determinism, formula neutralisation, splits, the HF folder,
// flat memory, and scoping (API tokens act exactly as their user).
import crypto from "node:crypto";
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { runExport } from "@/lib/exports/run-export";
import { exportFile, listExports } from "@/lib/exports/exports";
import { callerForApiToken, createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { resolveProjectAccess } from "@/lib/auth/access";
import { accessFor, addMember, callerOf, createTestUser, leadAccess } from "@/lib/testing/factories";
import { untar } from "@/lib/testing/untar";
import { reviewedProject } from "@/lib/testing/export-fixtures";
import { claudeLineProblems, openAiLineProblems } from "@/lib/testing/finetune-rules";
import { parse as parseYaml } from "yaml";

async function exportNow(lead: { id: string }, projectId: string, format: string, options: object = {}) {
  const db = await getDb();
  const e = await db.export.create({ data: { projectId, createdById: lead.id, format: format as "JSONL", options, fileName: "x" } });
  await runExport(e.id);
  const file = await exportFile(await leadAccess(lead.id, projectId), e.id);
  return { ...file, content: fs.readFileSync(file.path) };
}

describe("exports", () => {
  it("writes one JSON line per gold item with provenance, byte-identical when repeated", async () => {
    const { lead, projectId } = await reviewedProject(50);
    const a = await exportNow(lead, projectId, "JSONL");
    const lines = a.content
      .toString("utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(50);
    expect(Object.keys(lines[0])).toEqual([
      "id",
      "text",
      "metadata",
      "origin",
      "gold",
      "gold_source",
      "reference",
      "suggestion",
      "confidence",
      "prompt_version",
      "model",
      "decisions",
      "blind",
    ]);
    expect(lines[0]).toMatchObject({
      id: "e1",
      text: "item 1",
      metadata: { n: 1 },
      gold_source: "SINGLE_REVIEW",
      confidence: 0.8,
      prompt_version: 1,
      model: "m",
    });
    const b = await exportNow(lead, projectId, "JSONL");
    expect(b.sha256).toBe(a.sha256);
    expect(b.sha256).toBe(crypto.createHash("sha256").update(b.content).digest("hex"));
    const noBlind = await exportNow(lead, projectId, "JSONL", { includeBlind: false });
    expect(noBlind.content.toString().trim().split("\n")).toHaveLength(45);
  });

  it("neutralises CSV cells a spreadsheet would run as formulas", async () => {
    const { lead, projectId } = await reviewedProject(3, (i) => `=HYPERLINK("x")${i}`);
    const db = await getDb();
    await db.item.updateMany({ where: { projectId, externalId: "e2" }, data: { text: '+1, "quoted"\nnext line' } });
    await db.item.updateMany({ where: { projectId, externalId: "e3" }, data: { text: "@SUM(A1)" } });
    const csv = (await exportNow(lead, projectId, "CSV")).content.toString("utf8");
    expect(csv.split("\r\n")[0]).toBe("id,text,metadata,origin,gold,gold_source,reference,suggestion,confidence,prompt_version,model,decisions,blind,split");
    expect(csv).toContain(`e1,"'=HYPERLINK(""x"")1",`);
    expect(csv).toContain(`e2,"'+1, ""quoted""\nnext line",`);
    expect(csv).toContain(`e3,'@SUM(A1),`);
    expect(csv).not.toMatch(/,=|,\+|,@/);
    // Asked for raw text (a program will read it), the texts come exactly as they are, still RFC 4180-quoted.
    const raw = (await exportNow(lead, projectId, "CSV", { rawText: true })).content.toString("utf8");
    expect(raw).toContain(`e1,"=HYPERLINK(""x"")1",`);
    expect(raw).toContain(`e2,"+1, ""quoted""\nnext line",`);
    expect(raw).toContain(`e3,@SUM(A1),`);
  });

  it("splits train/test stratified by label, reproducibly from the seed", async () => {
    const { lead, projectId } = await reviewedProject(400);
    const split = { testShare: 0.25, seed: "s1" };
    const a = await exportNow(lead, projectId, "JSONL", { split });
    const rows = a.content
      .toString()
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    for (const label of ["positive", "negative"]) {
      const of = rows.filter((r) => r.gold.label === label);
      expect(of.filter((r) => r.split === "test").length).toBe(Math.round(of.length * 0.25));
    }
    expect((await exportNow(lead, projectId, "JSONL", { split })).sha256).toBe(a.sha256);
    expect((await exportNow(lead, projectId, "JSONL", { split: { ...split, seed: "s2" } })).sha256).not.toBe(a.sha256);
  });

  it("writes a Hugging Face card a Hub page reads (licence, languages, task, size, ClassLabel features), and rows of one type per column", async () => {
    const { lead, projectId } = await reviewedProject(30);
    const db = await getDb();
    // Metadata whose type changes across rows (1, 20, "99") would break Arrow's schema inference.
    await db.item.updateMany({ where: { projectId, externalId: "e3" }, data: { metadata: { n: "99", extra: [1, 2] } } });
    const hf = await exportNow(lead, projectId, "HF_DATASET", { license: "cc-by-4.0", languages: ["en", "pt-BR"], split: { testShare: 0.3, seed: "hf" } });
    const entries = await untar(hf.content);
    const readme = entries.get("README.md")!;
    const header = parseYaml(readme.split("---")[1]);
    expect(header).toMatchObject({
      pretty_name: "Test project",
      license: "cc-by-4.0",
      language: ["en", "pt-BR"],
      task_categories: ["text-classification"],
      task_ids: ["multi-class-classification"],
      size_categories: ["n<1K"],
      configs: [
        {
          config_name: "default",
          data_files: [
            { split: "train", path: "data/train.jsonl" },
            { split: "test", path: "data/test.jsonl" },
          ],
        },
      ],
    });
    const features: { name: string; dtype: string | { class_label: { names: Record<string, string> } } }[] = header.dataset_info.features;
    const label = features.find((f) => f.name === "label")!.dtype as { class_label: { names: Record<string, string> } };
    expect(label.class_label.names).toEqual({ "0": "positive", "1": "negative" });
    const rows = [...entries.get("data/train.jsonl")!.trim().split("\n"), ...entries.get("data/test.jsonl")!.trim().split("\n")].map((l) => JSON.parse(l));
    expect(header.dataset_info.splits.map((s: { num_examples: number }) => s.num_examples).reduce((a: number, b: number) => a + b)).toBe(rows.length);
    // Every row has exactly the declared columns, each of its declared type (or null).
    const typeOk = (dtype: unknown, v: unknown) =>
      v === null ||
      (typeof dtype === "object"
        ? Number.isInteger(v) && (v as number) >= 0 && (v as number) < 2
        : dtype === "string"
          ? typeof v === "string"
          : dtype === "bool"
            ? typeof v === "boolean"
            : typeof v === "number");
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(features.map((f) => f.name));
      for (const f of features) expect([f.name, typeOk(f.dtype, row[f.name])]).toEqual([f.name, true]);
    }
    expect(JSON.parse(rows.find((r) => r.id === "e3").metadata)).toEqual({ n: "99", extra: [1, 2] });
    // Without a choice the licence says so plainly, and no language is claimed.
    const plain = parseYaml((await untar((await exportNow(lead, projectId, "HF_DATASET")).content)).get("README.md")!.split("---")[1]);
    expect(plain.license).toBe("unknown");
    expect(plain.language).toBeUndefined();
  });

  it("packs a Hugging Face folder with splits and a dataset card; fine-tuning and preference formats", async () => {
    const { lead, projectId } = await reviewedProject(40);
    const hf = await exportNow(lead, projectId, "HF_DATASET", { split: { testShare: 0.5, seed: "x" } });
    const entries = await untar(hf.content);
    expect([...entries.keys()]).toEqual(["README.md", "datasheet.json", "data/train.jsonl", "data/test.jsonl"]);
    expect(entries.get("README.md")).toContain("- split: test");
    expect(entries.get("README.md")).toMatch(/\| positive \| \d+ \| \d+ \|/);
    expect(entries.get("data/train.jsonl")!.trim().split("\n").length + entries.get("data/test.jsonl")!.trim().split("\n").length).toBe(40);
    expect((await exportNow(lead, projectId, "HF_DATASET", { split: { testShare: 0.5, seed: "x" } })).sha256).toBe(hf.sha256);

    const ft = (await exportNow(lead, projectId, "FINETUNE_CHAT")).content
      .toString()
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(ft[0].messages.map((m: { role: string }) => m.role)).toEqual(["system", "user", "assistant"]);
    const golds = (await exportNow(lead, projectId, "JSONL")).content
      .toString()
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l).gold);
    expect(ft.map((f) => JSON.parse(f.messages[2].content))).toEqual(golds); // the answer taught is the gold, row for row
    expect(ft.flatMap(openAiLineProblems)).toEqual([]);
    const pref = (await exportNow(lead, projectId, "PREFERENCE")).content
      .toString()
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    // Gold differs from the suggestion where exactly one of id % 3, id % 4 is 0.
    expect(pref.length).toBeGreaterThan(0);
    for (const p of pref) expect(p.chosen[0].content).not.toBe(p.rejected[0].content);
  });

  it("writes fine-tuning files that meet each provider's documented rules, with provenance and split line for line beside them", async () => {
    const { lead, projectId } = await reviewedProject(20);
    const db = await getDb();
    const split = { testShare: 0.3, seed: "ft" };
    for (const format of ["FINETUNE_CLAUDE", "FINETUNE_CHAT"] as const) {
      const e = await db.export.create({ data: { projectId, createdById: lead.id, format, options: { split }, fileName: "ft.jsonl" } });
      expect(await runExport(e.id)).toBe("done");
      const access = await leadAccess(lead.id, projectId);
      const data = fs
        .readFileSync((await exportFile(access, e.id)).path, "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l));
      const side = fs
        .readFileSync((await exportFile(access, e.id, "provenance")).path, "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l));
      expect(data).toHaveLength(20);
      expect(data.flatMap(format === "FINETUNE_CLAUDE" ? claudeLineProblems : openAiLineProblems), format).toEqual([]);
      // The side file: the same rows in the same order, with what the data may not carry.
      expect(side).toHaveLength(20);
      expect(side[0]).toEqual({ id: "e1", gold_source: "SINGLE_REVIEW", origin: "REAL", split: expect.stringMatching(/^(train|test)$/) });
      const users = data.map((d) => (format === "FINETUNE_CLAUDE" ? d.messages[0] : d.messages[1]).content);
      expect(users[0]).toBe("item 1");
      expect(new Set(side.map((s) => s.split))).toEqual(new Set(["train", "test"]));
    }
    // The validator itself refuses what the old export wrote: system inside messages, extra keys.
    expect(
      claudeLineProblems({
        messages: [
          { role: "system", content: "s" },
          { role: "user", content: "u" },
          { role: "assistant", content: "a" },
        ],
        gold_source: "X",
      }),
    ).toEqual(expect.arrayContaining(["extraneous keys: gold_source", "message 0 has role system", "the first message is not the user's"]));
    expect(
      openAiLineProblems({
        messages: [
          { role: "user", content: "u" },
          { role: "assistant", content: "a" },
        ],
        origin: "REAL",
      }),
    ).toEqual(["extraneous keys: origin"]);
    // Other formats have no side file.
    const jsonl = await db.export.create({ data: { projectId, createdById: lead.id, format: "JSONL", options: {}, fileName: "x.jsonl" } });
    await runExport(jsonl.id);
    await expect(exportFile(await leadAccess(lead.id, projectId), jsonl.id, "provenance")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("teaches fine-tuning only with answers: gold, or the model's suggestion when the scope is everything suggested; never null", async () => {
    const { lead, projectId } = await reviewedProject(6);
    const db = await getDb();
    // Two items reviewed but without gold (waiting for adjudication), one of them without a suggestion either.
    const [a, b] = await db.item.findMany({ where: { projectId }, orderBy: { id: "asc" }, take: 2 });
    await db.goldLabel.deleteMany({ where: { itemId: { in: [a.id, b.id] } } });
    await db.suggestion.deleteMany({ where: { itemId: b.id } });
    const answers = async (scope: string) =>
      (await exportNow(lead, projectId, "FINETUNE_CHAT", { scope })).content
        .toString()
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l).messages[2].content);
    for (const scope of ["GOLD", "REVIEWED"]) expect(await answers(scope), scope).toHaveLength(4);
    const suggested = await answers("SUGGESTED");
    expect(suggested).toHaveLength(5); // a: the model's answer; b: nothing to teach
    expect(suggested.every((c: string) => c !== "null")).toBe(true);
  });

  it("streams: memory stays flat while exporting 30,000 rows of 2 KB", async () => {
    const big = "x".repeat(2000);
    const { lead, projectId } = await reviewedProject(30_000, (i) => `${big} ${i}`);
    const gc = (globalThis as { gc?: () => void }).gc;
    expect(gc).toBeTypeOf("function"); // vitest.config.ts passes --expose-gc
    const live = () => (gc!(), process.memoryUsage().heapUsed);
    const before = live();
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, live())), 50);
    const out = await exportNow(lead, projectId, "JSONL");
    clearInterval(timer);
    expect(out.bytes).toBeGreaterThan(60_000_000);
    // Holding the rows would keep over 60 MB live; a batch of 2,000 rows is about 4 MB.
    expect(peak - before).toBeLessThan(25_000_000);
  }, 120_000);

  it("shows exports only to the project's leads; an API token acts as its user and stops when revoked", async () => {
    const { lead, projectId } = await reviewedProject(2);
    const other = await reviewedProject(2);
    const annotator = await createTestUser();
    await addMember(projectId, annotator.id, "ANNOTATOR");
    const token = await createApiToken(callerOf(other.lead), { name: "ci", scopes: ["read", "lead"], expiresInDays: null });
    const tokenCaller = (await callerForApiToken(token.token))!;
    expect(tokenCaller.userId).toBe(other.lead.id);
    expect(tokenCaller.tokenScopes).toEqual(["read", "lead"]);
    await expect(resolveProjectAccess(tokenCaller, projectId, { role: "LEAD" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(accessFor(annotator.id, projectId, { role: "LEAD" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await listExports(await leadAccess(lead.id, projectId))).toEqual([]);
    const db = await getDb();
    expect((await db.apiToken.findFirstOrThrow({ where: { id: token.id } })).tokenHash).not.toContain(token.token);
    await revokeApiToken(callerOf(other.lead), token.id);
    expect(await callerForApiToken(token.token)).toBeNull();
    expect(await callerForApiToken("gs_not-a-token")).toBeNull();
  });
});
