import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { getItem, listItems } from "@/lib/items/queries";
import { accessFor, addMember, createTestProject, createTestUser, leadAccess } from "@/lib/testing/factories";
import type { ProjectAccess } from "@/lib/auth/access";

let userId: string;
let projectId: string;
let lead: ProjectAccess;

beforeAll(async () => {
  userId = (await createTestUser()).id;
  projectId = (await createTestProject(userId)).id;
  lead = await leadAccess(userId, projectId);
  const db = await getDb();
  await db.item.createMany({
    data: Array.from({ length: 12 }, (_, i) => ({
      projectId,
      externalId: `e${i}`,
      text: i % 3 === 0 ? `100% <b>refund</b> please ${i}` : `plain text ${i}`,
      status: i < 4 ? ("REVIEWED" as const) : ("NEW" as const),
    })),
  });
});

describe("listItems", () => {
  it("pages forward and backward with keyset cursors", async () => {
    const p1 = await listItems(lead, {}, 5);
    expect(p1.items.map((i) => i.externalId)).toEqual(["e0", "e1", "e2", "e3", "e4"]);
    expect(p1.prevBefore).toBeNull();
    const p2 = await listItems(lead, { after: p1.nextAfter! }, 5);
    expect(p2.items.map((i) => i.externalId)).toEqual(["e5", "e6", "e7", "e8", "e9"]);
    const p3 = await listItems(lead, { after: p2.nextAfter! }, 5);
    expect(p3.items.map((i) => i.externalId)).toEqual(["e10", "e11"]);
    expect(p3.nextAfter).toBeNull();
    const back = await listItems(lead, { before: p3.prevBefore! }, 5);
    expect(back.items.map((i) => i.externalId)).toEqual(["e5", "e6", "e7", "e8", "e9"]);
  });

  it("filters by status and searches text literally (% is not a wildcard)", async () => {
    const reviewed = await listItems(lead, { status: "REVIEWED" });
    expect(reviewed.items).toHaveLength(4);
    const found = await listItems(lead, { q: "100% <B>REFUND" });
    expect(found.items.map((i) => i.externalId)).toEqual(["e0", "e3", "e6", "e9"]);
    expect(await listItems(lead, { q: "1%0" }).then((r) => r.items)).toHaveLength(0);
  });

  it("filters by gold, by disagreement with the model, and by annotator", async () => {
    const db = await getDb();
    const items = await db.item.findMany({ where: { projectId }, orderBy: { id: "asc" }, take: 3 });
    const version = await db.promptVersion.create({
      data: { projectId, number: 1, modelId: "claude-haiku-4-5", strategy: "ZERO_SHOT", instructions: "x", settings: {}, createdById: userId },
    });
    for (const [i, it] of items.entries()) {
      await db.goldLabel.create({ data: { itemId: it.id, projectId, value: { label: "positive" }, source: "SINGLE_REVIEW" } });
      await db.suggestion.create({
        data: { projectId, itemId: it.id, promptVersionId: version.id, status: "OK", value: { label: i === 1 ? "negative" : "positive" }, model: "m" },
      });
    }
    await db.decision.create({
      data: {
        id: crypto.randomUUID(),
        projectId,
        itemId: items[2].id,
        annotatorId: userId,
        action: "LABELED",
        value: { label: "positive" },
        blind: false,
        seconds: 1,
      },
    });
    expect((await listItems(lead, { gold: "yes" })).items).toHaveLength(3);
    expect((await listItems(lead, { gold: "no" })).items).toHaveLength(9);
    expect((await listItems(lead, { disagree: "1" })).items.map((i) => i.id)).toEqual([items[1].id]);
    expect((await listItems(lead, { annotator: userId })).items.map((i) => i.id)).toEqual([items[2].id]);
    // By the gold's label, the suggestion's label (a confusion-matrix cell), the version, the confidence.
    expect((await listItems(lead, { goldLabel: "positive", suggested: "negative" })).items.map((i) => i.id)).toEqual([items[1].id]);
    expect((await listItems(lead, { version: 1 })).items).toHaveLength(3);
    expect((await listItems(lead, { version: 2 })).items).toHaveLength(0);
    await db.item.update({ where: { id: items[0].id }, data: { suggestionConfidence: 0.42 } });
    expect((await listItems(lead, { minConf: 40, maxConf: 45 })).items.map((i) => i.id)).toEqual([items[0].id]);
    // The lead's columns: suggestion with its version, gold, reviews and agreement.
    const page = await listItems(lead, { gold: "yes" });
    const row = page.items.find((i) => i.id === items[2].id)!;
    expect(row.review).toMatchObject({ suggestion: { value: { label: "positive" }, version: 1 }, gold: { label: "positive" }, decisions: 1, agreement: 1 });
    expect(await page.total).toEqual({ n: 3, capped: false });
  });

  it("counts every match, names an item whose id is the search, and filters by metadata and origin", async () => {
    const found = await listItems(lead, { q: "REFUND" });
    expect(await found.total).toEqual({ n: 4, capped: false });
    expect((await listItems(lead, { q: "e3" })).idMatch).toMatchObject({ externalId: "e3" });
    const db = await getDb();
    const item = await db.item.findFirstOrThrow({ where: { projectId, externalId: "e5" } });
    await db.item.update({ where: { id: item.id }, data: { metadata: { source: "web", n: 5 }, importId: "imp-1" } });
    expect((await listItems(lead, { meta: "source:web" })).items.map((i) => i.externalId)).toEqual(["e5"]);
    expect((await listItems(lead, { origin: "imp-1" })).items.map((i) => i.externalId)).toEqual(["e5"]);
  });

  it("keeps annotators to status and text: the filters that reveal answers or metadata are refused", async () => {
    const annotator = await createTestUser();
    await addMember(projectId, annotator.id, "ANNOTATOR");
    const access = await accessFor(annotator.id, projectId);
    for (const f of [{ suggested: "negative" }, { minConf: 10 }, { meta: "source:web" }, { goldLabel: "positive" }]) {
      await expect(listItems(access, f)).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect((await listItems(access, { status: "REVIEWED" })).items[0].review).toBeUndefined();
  });

  it("never shows another project's items", async () => {
    const stranger = await createTestUser();
    await expect(accessFor(stranger.id, projectId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const db = await getDb();
    const item = await db.item.findFirstOrThrow({ where: { projectId } });
    const otherProject = (await createTestProject(stranger.id)).id;
    // Their own project's access does not reach this project's item by its id.
    await expect(getItem(await leadAccess(stranger.id, otherProject), item.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("tells an annotator nothing that would steer a review: no model confidence, audit flag, review count or pair models", async () => {
    const db = await getDb();
    const annotator = await createTestUser();
    await addMember(projectId, annotator.id, "ANNOTATOR");
    const item = await db.item.create({
      data: {
        projectId,
        externalId: "steer",
        text: "Which is better?",
        suggestionConfidence: 0.97,
        autoAudit: true,
        reviewCount: 1,
        pair: { create: { responseA: "a", responseB: "b", modelA: "model-x", modelB: "model-y" } },
      },
    });
    const seen = await getItem(await accessFor(annotator.id, projectId), item.id);
    expect(seen).toMatchObject({ suggestionConfidence: null, autoAudit: null, reviewCount: null, modelA: null, modelB: null, responseA: "a", responseB: "b" });
    expect(seen).not.toHaveProperty("randKey");
    expect(await getItem(lead, item.id)).toMatchObject({ suggestionConfidence: 0.97, autoAudit: true, reviewCount: 1, modelA: "model-x" });
  });

  it("finds the same pages whether the words are found in order or through the index", async () => {
    const db = await getDb();
    const { id: searchProject } = await createTestProject(userId);
    await db.item.createMany({
      data: Array.from({ length: 40 }, (_, i) => ({
        projectId: searchProject,
        externalId: `s${i}`,
        text: i % 7 === 0 ? `rare zebra ${i}` : `common text ${i}`,
      })),
    });
    const access = await leadAccess(userId, searchProject);
    const expected = Array.from({ length: 40 }, (_, i) => i)
      .filter((i) => i % 7 === 0)
      .map((i) => `s${i}`);
    for (const window of [5000, 3]) {
      const first = await listItems(access, { q: "ZEBRA rare" }, 3, window);
      const second = await listItems(access, { q: "ZEBRA rare", after: first.nextAfter! }, 3, window);
      const back = await listItems(access, { q: "ZEBRA rare", before: second.prevBefore! }, 3, window);
      expect(
        [...first.items, ...second.items].map((i) => i.externalId),
        `window ${window}`,
      ).toEqual(expected);
      expect(second.nextAfter, `window ${window}`).toBeNull();
      expect(
        back.items.map((i) => i.externalId),
        `window ${window}`,
      ).toEqual(expected.slice(0, 3));
    }
  });
});
