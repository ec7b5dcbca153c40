// Quality by slice on a fixed fixture, against counts and p-values recomputed here independently
// (exact hypergeometric sums in BigInt, not the library the code uses).
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { qualityByField, sliceFields } from "@/lib/metrics/by-field";
import { holm } from "@/lib/stats/slices";
import { addMember, createTestProject, createTestUser, leadAccess } from "@/lib/testing/factories";

type Fixture = { source?: string; words: number; right: boolean; blind: boolean; reviewers: 1 | 2; agree: boolean };

/** 30 web items (27 right), 30 forum (15 right), 30 news (28 right), 6 without a source (5 right). */
function fixture(): Fixture[] {
  const rows: Fixture[] = [];
  const add = (source: string | undefined, count: number, right: number) => {
    for (let i = 0; i < count; i++)
      rows.push({ source, words: 1 + (rows.length % 40), right: i < right, blind: i % 3 === 0, reviewers: i % 5 === 0 ? 2 : 1, agree: i % 10 !== 0 });
  };
  add("web", 30, 27);
  add("forum", 30, 15);
  add("news", 30, 28);
  add(undefined, 6, 5);
  return rows;
}

async function seed(rows: Fixture[]) {
  const lead = await createTestUser();
  const { id: projectId } = await createTestProject(lead.id);
  const db = await getDb();
  const version = await db.promptVersion.create({
    data: { projectId, number: 1, modelId: "m", strategy: "ZERO_SHOT", instructions: "x", settings: {}, createdById: lead.id },
  });
  const people = [await createTestUser(), await createTestUser()];
  for (const p of people) await addMember(projectId, p.id, "ANNOTATOR");
  for (const [i, r] of rows.entries()) {
    const gold = { label: "positive" };
    const item = await db.item.create({
      data: {
        projectId,
        externalId: `s${i}`,
        text: Array(r.words).fill("word").join(" "),
        metadata: r.source ? { source: r.source, stars: i % 5 } : {},
        reviewCount: r.reviewers,
      },
    });
    await db.suggestion.create({
      data: {
        projectId,
        itemId: item.id,
        promptVersionId: version.id,
        status: "OK",
        value: r.right ? gold : { label: "negative" },
        confidence: 0.9,
        model: "m",
      },
    });
    for (let j = 0; j < r.reviewers; j++) {
      const value = j === 1 && !r.agree ? { label: "negative" } : gold;
      await db.decision.create({
        data: { id: crypto.randomUUID(), projectId, itemId: item.id, annotatorId: people[j].id, action: "LABELED", value, blind: r.blind, seconds: 5 },
      });
    }
    await db.goldLabel.create({ data: { itemId: item.id, projectId, value: gold, source: "SINGLE_REVIEW", blind: r.blind } });
  }
  return { lead, projectId };
}

function choose(n: number, k: number): bigint {
  if (k < 0 || k > n) return 0n;
  let r = 1n;
  for (let i = 0; i < k; i++) r = (r * BigInt(n - i)) / BigInt(i + 1);
  return r;
}
/** P(X < a) + P(X = a) / 2 for X hypergeometric: draws n from N with K successes. */
function midP(a: number, n: number, N: number, K: number) {
  const total = choose(N, n);
  const pmf = (x: number) => Number((choose(K, x) * choose(N - K, n - x) * 10n ** 18n) / total) / 1e18;
  let below = 0;
  for (let x = 0; x < a; x++) below += pmf(x);
  return below + pmf(a) / 2;
}

describe("quality by slice", () => {
  it("counts the model's accuracy, people's agreement and the blind make-up by a metadata field", async () => {
    const rows = fixture();
    const { lead, projectId } = await seed(rows);
    const access = await leadAccess(lead.id, projectId);
    const q = await qualityByField(access, "source");

    // Independent recomputation from the fixture.
    const keyOf = (r: Fixture) => r.source ?? "(none)";
    const keys = ["forum", "news", "web", "(none)"];
    const expected = keys.map((key) => {
      const mine = rows.filter((r) => keyOf(r) === key);
      return { key, n: mine.length, hits: mine.filter((r) => r.right).length };
    });
    const got = q.model!.slices.map((s) => ({ key: s.key, n: s.n, hits: s.hits }));
    expect(got).toEqual(expect.arrayContaining(expected));
    expect(got).toHaveLength(4);
    // The numbers by hand: forum 15 of 30 against the rest's 60 of 66.
    const forum = q.model!.slices.find((s) => s.key === "forum")!;
    expect([forum.n, forum.hits, forum.rest.n]).toEqual([30, 15, 66]);
    expect(forum.rate).toBe(0.5);
    const tested = q.model!.slices.filter((s) => s.p !== null);
    expect(tested.map((s) => s.key).sort()).toEqual(["forum", "news", "web"]); // 6 without a source: too few to test
    for (const s of tested) expect(s.p).toBeCloseTo(midP(s.hits, s.n, 96, 75), 9);
    const adjusted = holm(tested.map((s) => midP(s.hits, s.n, 96, 75)));
    tested.forEach((s, i) => expect(s.adjustedP).toBeCloseTo(adjusted[i], 9));
    expect(q.model!.slices.filter((s) => s.worse).map((s) => s.key)).toEqual(["forum"]);
    expect(forum.adjustedP).toBeLessThan(0.001);

    // People: items two reviewed (every 5th of a source), agreeing unless every 10th.
    for (const key of keys) {
      const two = rows.filter((r) => keyOf(r) === key && r.reviewers === 2);
      const slice = q.people.slices.find((s) => s.key === key)!;
      expect([slice.n, slice.hits]).toEqual([two.length, two.filter((r) => r.agree).length]);
    }

    // The blind slice's make-up against every item's.
    const blindRows = rows.filter((r) => r.blind);
    expect(q.makeUp.blindItems).toBe(blindRows.length);
    for (const row of q.makeUp.rows) {
      expect(row.items).toBe(rows.filter((r) => keyOf(r) === row.key).length);
      expect(row.blind).toBe(blindRows.filter((r) => keyOf(r) === row.key).length);
    }

    // On the blind slice only, the counts are the blind items'.
    const blindOnly = await qualityByField(access, "source", { on: "blind" });
    const webBlind = rows.filter((r) => r.blind && r.source === "web");
    expect(blindOnly.model!.slices.find((s) => s.key === "web")).toMatchObject({ n: webBlind.length, hits: webBlind.filter((r) => r.right).length });
  });

  it("slices a number by quintiles, the text by its length, and refuses an unknown field", async () => {
    const rows = fixture();
    const { lead, projectId } = await seed(rows);
    const access = await leadAccess(lead.id, projectId);
    const fields = await sliceFields(projectId);
    expect(fields.map((f) => f.key)).toEqual(expect.arrayContaining(["@length", "@month", "@import", "source", "stars"]));

    const stars = await qualityByField(access, "stars");
    // stars = i % 5 over the 90 items with a source: 0..4, 18 each; the 6 without are "(none)".
    const byLabel = Object.fromEntries(stars.model!.slices.map((s) => [stars.labels[s.key], s.n]));
    expect(byLabel["(none)"]).toBe(6);
    expect(Object.values(byLabel).reduce((a, b) => a + b, 0)).toBe(96);

    const length = await qualityByField(access, "@length");
    expect(length.model!.slices.reduce((a, s) => a + s.n, 0)).toBe(96);
    expect(length.model!.slices.length).toBeGreaterThanOrEqual(4);

    const month = await qualityByField(access, "@month");
    expect(month.model!.slices).toHaveLength(1);
    expect(month.model!.slices[0].key).toMatch(/^\d{4}-\d{2}$/);

    await expect(qualityByField(access, "nowhere")).rejects.toThrow(/No item/);
    await expect(qualityByField(access, "@nothing")).rejects.toThrow(/Unknown field/);
  });
});
