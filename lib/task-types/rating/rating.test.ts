// A rubric end to end on the database: the lead's scales reach the model's strict tool and the
// prompt, the model's ratings come back through the one door, people's ratings are checked against
// the scales, Quality reports per criterion, the exports carry the scores, and renaming a criterion
// keeps its levels.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { insertProject } from "@/lib/projects/create-project";
import { createTestUser, leadAccess } from "@/lib/testing/factories";
import { startFakeLlm } from "@/lib/testing/llm-fixtures";
import type { FakeAnthropic } from "@/lib/testing/fake-anthropic/server";
import { createPromptVersion } from "@/lib/prompts/create-prompt-version";
import { promptVersionSchema } from "@/lib/prompts/schemas";
import { createRun } from "@/lib/runs/create-run";
import { startRunSchema } from "@/lib/runs/schemas";
import { processRun } from "@/lib/testing/process-run";
import { claimNextItem } from "@/lib/reviews/claim-next";
import { submitDecision } from "@/lib/reviews/submit-decision";
import { projectMetrics } from "@/lib/metrics/queries";
import { promptContextFor } from "@/lib/prompts/context";
import { buildRequest, systemText } from "@/lib/llm/build-request";
import { csvColumns, csvLine } from "@/lib/exports/formats";
import { hfRecord } from "@/lib/exports/hf-card";
import type { ExportRow } from "@/lib/exports/rows";
import { levelForKey } from "@/lib/task-types/rating";
import { projectUpdateSchema } from "@/lib/projects/schemas";
import { updateProject } from "@/lib/projects/update-project";
import { AppError } from "@/lib/errors";

let fake: FakeAnthropic;
beforeAll(async () => {
  fake = await startFakeLlm({ latencyMs: 0 });
});
afterAll(async () => {
  await fake.stop();
});

const CLARITY = { min: 1, max: 5, anchors: ["unreadable", "hard going", "clear enough", "clear", "crystal clear"] };
const ACCURACY = { min: 0, max: 3, anchors: ["wrong", "", "", "exactly right"] };

async function rubricProject(texts: string[]) {
  const lead = await createTestUser();
  const project = await insertProject(lead.id, {
    name: "Answers rated",
    taskType: "RATING",
    labels: [
      { name: "clarity", description: "How easy the answer is to read", color: "#2563eb", hotkey: "1", scale: CLARITY },
      { name: "accuracy", description: "Whether the answer is right", color: "#dc2626", hotkey: null, scale: ACCURACY },
    ],
  });
  const db = await getDb();
  await db.item.createMany({ data: texts.map((text, i) => ({ projectId: project.id, externalId: `r${i}`, text })) });
  const access = await leadAccess(lead.id, project.id);
  return { lead, projectId: project.id, access };
}

describe("rubric ratings", () => {
  it("keep the lead's scales (and no hotkeys), and refuse a scale a digit key cannot type", async () => {
    const { access, projectId } = await rubricProject([]);
    expect(access.project.scales).toEqual({ clarity: CLARITY, accuracy: ACCURACY });
    const db = await getDb();
    const labels = await db.label.findMany({ where: { projectId }, orderBy: { position: "asc" } });
    expect(labels.map((l) => l.hotkey)).toEqual([null, null]);
    const bad = projectUpdateSchema.safeParse({
      name: "x",
      taskType: "RATING",
      labels: [{ name: "clarity", color: "#111111", scale: { min: 1, max: 11 } }],
    });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join("."))).toContain("labels.0.scale.max");
    // A scale to 10 without 0: the key 0 types 10.
    expect(levelForKey("0", { min: 1, max: 10, anchors: [] })).toBe(10);
    expect(levelForKey("0", { min: 0, max: 3, anchors: [] })).toBe(0);
    expect(levelForKey("7", { min: 0, max: 3, anchors: [] })).toBeNull();
  });

  it("are asked of the model with each criterion's levels and anchors, rated through the one door, reviewed, measured and exported", async () => {
    const texts = Array.from({ length: 12 }, (_, i) => `Answer ${i}. clarity: ${1 + (i % 5)} accuracy: ${i % 4}`);
    const { lead, projectId, access } = await rubricProject(texts);
    const version = await createPromptVersion(
      access,
      promptVersionSchema.parse({
        modelId: "claude-haiku-4-5",
        strategy: "CHAIN_OF_THOUGHT",
        instructions: "Rate the answer.",
        settings: { temperature: 0, maxTokens: 400, samples: 1 },
      }),
    );
    const db = await getDb();
    const ctx = await promptContextFor(projectId, (await db.promptVersion.findUniqueOrThrow({ where: { id: version.id } }))!);
    const system = systemText(ctx);
    expect(system).toContain("## Criteria");
    expect(system).toContain(
      "- clarity: How easy the answer is to read [rated from 1 to 5 (1 = unreadable; 2 = hard going; 3 = clear enough; 4 = clear; 5 = crystal clear)]",
    );
    expect(system).toContain("- accuracy: Whether the answer is right [rated from 0 to 3 (0 = wrong; 3 = exactly right)]");
    const tool = buildRequest(ctx, "x").tools![0] as { input_schema: { properties: Record<string, { properties?: Record<string, { enum: number[] }> }> } };
    expect(tool.input_schema.properties.scores.properties!.accuracy.enum).toEqual([0, 1, 2, 3]);

    const run = await createRun(access, startRunSchema.parse({ promptVersionId: version.id, selection: { kind: "MISSING" }, concurrency: 2 }));
    expect(await processRun(run.id)).toBe("done");
    const suggestions = await db.suggestion.findMany({ where: { projectId } });
    const items = new Map((await db.item.findMany({ where: { projectId } })).map((i) => [i.id, i.externalId]));
    expect(suggestions).toHaveLength(12);
    for (const s of suggestions) {
      expect(s.status).toBe("OK");
      const i = Number(items.get(s.itemId)!.slice(1));
      expect(s.value).toEqual({ scores: { clarity: 1 + (i % 5), accuracy: i % 4 } });
    }

    // People rate: a level off the scale is refused; a criterion left out is refused; the rest
    // agree with the model except on accuracy for three items (one level higher), all blind.
    await db.project.update({ where: { id: projectId }, data: { blindShare: 1 } });
    const reviewer = await leadAccess(lead.id, projectId);
    const refused = async (value: unknown) => {
      const task = (await claimNextItem(reviewer))!;
      await expect(submitDecision(reviewer, { id: crypto.randomUUID(), itemId: task.item.id, action: "LABELED", value, seconds: 3 })).rejects.toBeInstanceOf(
        AppError,
      );
    };
    await refused({ scores: { clarity: 6, accuracy: 1 } });
    await refused({ scores: { clarity: 3 } });
    await refused({ scores: { clarity: 3, accuracy: 1, tone: 2 } });
    for (let n = 0; n < 12; n++) {
      const task = (await claimNextItem(reviewer))!;
      const i = Number(task.item.externalId.slice(1));
      const accuracy = i < 3 ? (i % 4) + 1 : i % 4;
      await submitDecision(reviewer, {
        id: crypto.randomUUID(),
        itemId: task.item.id,
        action: "LABELED",
        value: { scores: { clarity: 1 + (i % 5), accuracy } },
        seconds: 3,
      });
    }
    expect(await claimNextItem(reviewer)).toBeNull();

    const m = await projectMetrics(reviewer);
    const blind = m.slices!.blind;
    expect([blind.n, blind.correct]).toEqual([12, 9]); // every criterion exactly right on 9 items
    const [clarity, accuracy] = blind.rating!;
    expect(clarity).toMatchObject({ criterion: "clarity", n: 12, exact: { value: 1 }, meanAbsoluteError: { value: 0 }, bias: { value: 0 } });
    expect(clarity.quadraticKappa!.value).toBeCloseTo(1);
    expect(accuracy).toMatchObject({ criterion: "accuracy", n: 12, scale: ACCURACY });
    expect(accuracy.exact!.value).toBeCloseTo(9 / 12);
    expect(accuracy.withinOne!.value).toBe(1);
    expect(accuracy.meanAbsoluteError!.value).toBeCloseTo(3 / 12);
    expect(accuracy.bias!.value).toBeCloseTo(-3 / 12); // the model rates lower than people
    expect(accuracy.bias!.interval!.high).toBeLessThan(0.1);
    expect(accuracy.exact!.interval!.low).toBeGreaterThan(0.4);
    expect(accuracy.alphaOrdinal!.value).toBeGreaterThan(0.7);
    expect(m.peopleByCriterion).toEqual([
      { criterion: "clarity", items: 0, alpha: null },
      { criterion: "accuracy", items: 0, alpha: null },
    ]);

    // Exports: the scores as they are (JSONL), a column per criterion (CSV), a struct (Hugging Face).
    const row = {
      externalId: "r0",
      text: texts[0],
      metadata: {},
      origin: "REAL",
      gold: { scores: { clarity: 1, accuracy: 1 } },
      decisions: [],
    } as unknown as ExportRow;
    const columns = csvColumns("RATING", ["clarity", "accuracy"]);
    expect(columns.slice(-2)).toEqual(["score:clarity", "score:accuracy"]);
    expect(csvLine(row, columns).trim().split(",").slice(-2)).toEqual(["1", "1"]);
    expect((hfRecord(row, "RATING", ["clarity", "accuracy", "retired"]) as Record<string, unknown>).scores).toEqual({ clarity: 1, accuracy: 1, retired: null });
  });

  it("keeps a criterion's levels when it is renamed", async () => {
    const { projectId, access } = await rubricProject(["one"]);
    const db = await getDb();
    const item = await db.item.findFirstOrThrow({ where: { projectId } });
    await db.goldLabel.create({ data: { itemId: item.id, projectId, value: { scores: { clarity: 4, accuracy: 2 } }, source: "SINGLE_REVIEW" } });
    const labels = await db.label.findMany({ where: { projectId }, orderBy: { position: "asc" } });
    await updateProject(
      access,
      projectUpdateSchema.parse({
        name: "Answers rated",
        taskType: "RATING",
        labels: [
          { id: labels[0].id, name: "readability", color: "#2563eb", scale: CLARITY },
          { id: labels[1].id, name: "accuracy", color: "#dc2626", scale: ACCURACY },
        ],
      }),
    );
    const gold = await db.goldLabel.findUniqueOrThrow({ where: { itemId: item.id } });
    expect(gold.value).toEqual({ scores: { readability: 4, accuracy: 2 } });
    // A scale narrowed below a level in use is refused, and nothing changes.
    const narrowed = projectUpdateSchema.parse({
      name: "Answers rated",
      taskType: "RATING",
      labels: [
        { id: labels[0].id, name: "readability", color: "#2563eb", scale: { min: 1, max: 3 } },
        { id: labels[1].id, name: "accuracy", color: "#dc2626", scale: ACCURACY },
      ],
    });
    await expect(updateProject(access, narrowed)).rejects.toThrow(/readability: 1 answer uses a level outside 1-3/);
    expect((await db.label.findUniqueOrThrow({ where: { id: labels[0].id } })).scale).toEqual(CLARITY);
    expect((await leadAccess(access.userId, projectId)).project.scales).toEqual({ readability: CLARITY, accuracy: ACCURACY });
  });
});
