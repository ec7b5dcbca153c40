// Label changes carry the data: values store label names, so a rename rewrites them, a removed
// label in use must be merged or retired, and nothing is left pointing at a label that is gone.
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { updateProject } from "@/lib/projects/update-project";
import { projectUpdateSchema } from "@/lib/projects/schemas";
import { listAuditEvents } from "@/lib/audit/read";
import { createTestUser, leadAccess } from "@/lib/testing/factories";
import { insertProject } from "@/lib/projects/create-project";

type Kind = "SINGLE_LABEL" | "MULTI_LABEL";

async function projectWithValues(taskType: Kind) {
  const lead = await createTestUser();
  const labels = ["spam", "ham", "promo"].map((name, i) => ({ name, color: "#111111", hotkey: String(i + 1) }));
  const { id: projectId } = await insertProject(lead.id, { name: "P", taskType, labels });
  const db = await getDb();
  const v = (l: string[]) => (taskType === "SINGLE_LABEL" ? { label: l[0] } : { labels: l });
  const version = await db.promptVersion.create({
    data: { projectId, number: 1, modelId: "m", strategy: "ZERO_SHOT", instructions: "x", settings: {}, createdById: lead.id },
  });
  const values = [["spam"], ["ham"], ["promo"], ["spam", "promo"]];
  for (const [i, l] of values.entries()) {
    if (taskType === "SINGLE_LABEL" && l.length > 1) continue;
    const item = await db.item.create({ data: { projectId, externalId: `i${i}`, text: `text ${i}` } });
    await db.suggestion.create({ data: { projectId, itemId: item.id, promptVersionId: version.id, status: "OK", value: v(l), model: "m" } });
    await db.goldLabel.create({ data: { itemId: item.id, projectId, value: v(l), source: "SINGLE_REVIEW" } });
    await db.decision.create({
      data: { id: `d${i}-${projectId}`, projectId, itemId: item.id, annotatorId: lead.id, action: "LABELED", value: v(l), blind: false, seconds: 1 },
    });
  }
  const access = await leadAccess(lead.id, projectId);
  const stored = await db.label.findMany({ where: { projectId }, orderBy: { position: "asc" } });
  const form = (labels: { id?: string; name: string }[], removedLabels: object[] = []) =>
    projectUpdateSchema.parse({ name: "P", taskType, labels: labels.map((l, i) => ({ ...l, color: "#111111", hotkey: String(i + 1) })), removedLabels });
  return { access, stored, form, projectId, lead };
}

async function valuesOf(projectId: string) {
  const db = await getDb();
  const [s, g, d] = await Promise.all([
    db.suggestion.findMany({ where: { projectId }, orderBy: { itemId: "asc" }, select: { value: true, goldValue: true } }),
    db.goldLabel.findMany({ where: { projectId }, orderBy: { itemId: "asc" }, select: { value: true } }),
    db.decision.findMany({ where: { projectId }, orderBy: { itemId: "asc" }, select: { value: true } }),
  ]);
  return { suggestions: s.map((x) => x.value), goldCopies: s.map((x) => x.goldValue), gold: g.map((x) => x.value), decisions: d.map((x) => x.value) };
}

describe("label changes", () => {
  it("carry a rename into every suggestion, gold label (and its copies) and decision, audited", async () => {
    const p = await projectWithValues("SINGLE_LABEL");
    const [spam, ham, promo] = p.stored;
    await updateProject(
      p.access,
      p.form([
        { id: spam.id, name: "junk" },
        { id: ham.id, name: "ham" },
        { id: promo.id, name: "promo" },
      ]),
    );
    const v = await valuesOf(p.projectId);
    const expected = [{ label: "junk" }, { label: "ham" }, { label: "promo" }];
    expect(v).toEqual({ suggestions: expected, goldCopies: expected, gold: expected, decisions: expected });
    const log = await listAuditEvents(p.access);
    expect(log[0]).toMatchObject({ kind: "label.renamed", data: { from: "spam", to: "junk", values: 3 } });
  });

  it("swap two names without merging them", async () => {
    const p = await projectWithValues("SINGLE_LABEL");
    const [spam, ham, promo] = p.stored;
    await updateProject(
      p.access,
      p.form([
        { id: spam.id, name: "ham" },
        { id: ham.id, name: "spam" },
        { id: promo.id, name: "promo" },
      ]),
    );
    expect((await valuesOf(p.projectId)).gold).toEqual([{ label: "ham" }, { label: "spam" }, { label: "promo" }]);
  });

  it("refuse to remove a label in use without a choice, merge it, or retire it", async () => {
    const p = await projectWithValues("MULTI_LABEL");
    const [spam, ham, promo] = p.stored;
    const db = await getDb();
    const refused = await updateProject(
      p.access,
      p.form([
        { id: spam.id, name: "spam" },
        { id: ham.id, name: "ham" },
      ]),
    ).catch((e) => e);
    expect(refused).toMatchObject({ code: "VALIDATION" });
    expect(refused.message).toMatch(/"promo" is used by 2 gold labels/);
    expect(await db.label.count({ where: { projectId: p.projectId } })).toBe(3); // nothing changed

    // Merged into spam: ["spam","promo"] becomes ["spam"], not ["spam","spam"].
    await updateProject(
      p.access,
      p.form(
        [
          { id: spam.id, name: "spam" },
          { id: ham.id, name: "ham" },
        ],
        [{ id: promo.id, action: "MERGE", into: "spam" }],
      ),
    );
    expect((await valuesOf(p.projectId)).gold).toEqual([{ labels: ["spam"] }, { labels: ["ham"] }, { labels: ["spam"] }, { labels: ["spam"] }]);
    expect(await db.label.findUnique({ where: { id: promo.id } })).toBeNull();

    // Retired: hidden from reviewers and the model, kept for its values; adding it again restores it.
    await updateProject(p.access, p.form([{ id: spam.id, name: "spam" }, { name: "other" }], [{ id: ham.id, action: "RETIRE" }]));
    expect((await leadAccess(p.lead.id, p.projectId)).project.labels).toEqual(["spam", "other"]);
    expect((await valuesOf(p.projectId)).gold[1]).toEqual({ labels: ["ham"] });
    const other = await db.label.findFirstOrThrow({ where: { projectId: p.projectId, name: "other" } });
    await updateProject(p.access, p.form([{ id: spam.id, name: "spam" }, { id: other.id, name: "other" }, { name: "ham" }]));
    expect((await leadAccess(p.lead.id, p.projectId)).project.labels).toEqual(["spam", "other", "ham"]);
    expect((await db.label.findUniqueOrThrow({ where: { id: ham.id } })).retiredAt).toBeNull();
  });
});
