// The request preview is the request a run sends: same builder, same few-shot choice.
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { requestPreview } from "@/lib/prompts/preview";
import { createTestProject, createTestUser, leadAccess } from "@/lib/testing/factories";

async function fewShotProject() {
  const lead = await createTestUser();
  const { id: projectId } = await createTestProject(lead.id);
  const db = await getDb();
  await db.item.createMany({ data: ["first item text", "great product", "awful product"].map((text, i) => ({ projectId, externalId: `p${i}`, text })) });
  const version = await db.promptVersion.create({
    data: {
      projectId,
      number: 1,
      modelId: "claude-haiku-4-5",
      strategy: "FEW_SHOT",
      instructions: "Rate it.",
      settings: { temperature: 0, maxTokens: 256, samples: 1, fewShotK: 2 },
      createdById: lead.id,
    },
  });
  return { access: await leadAccess(lead.id, projectId), projectId, version, db };
}

describe("request preview", () => {
  it("shows the first item's request, and says a few-shot version runs without examples while there is no gold", async () => {
    const { access, version } = await fewShotProject();
    const p = await requestPreview(access, version.id);
    expect(p.item?.externalId).toBe("p0");
    expect(p.fewShotWithoutGold).toBe(true);
    const content = p.request!.messages[0].content as { text: string }[];
    expect(content).toHaveLength(1);
    expect(content[0].text).toContain("first item text");
    expect(JSON.stringify(p.request!.system)).toContain("Rate it.");
  });

  it("includes the gold examples the run would pick for the chosen item, never the item itself", async () => {
    const { access, version, projectId, db } = await fewShotProject();
    const items = await db.item.findMany({ where: { projectId }, orderBy: { id: "asc" } });
    for (const [i, item] of items.slice(1).entries())
      await db.goldLabel.create({ data: { itemId: item.id, projectId, value: { label: i ? "negative" : "positive" }, source: "SINGLE_REVIEW" } });
    const p = await requestPreview(access, version.id, "p1");
    expect(p.fewShotWithoutGold).toBe(false);
    const content = p.request!.messages[0].content as { text: string }[];
    expect(content[0].text).toContain("awful product");
    expect(content[0].text).not.toContain("great product\n</item_text>\nAnswer");
    expect(content.at(-1)!.text).toContain("great product");
  });

  it("refuses a version of another project", async () => {
    const { version } = await fewShotProject();
    const other = await fewShotProject();
    await expect(requestPreview(other.access, version.id)).rejects.toThrow("not found");
  });
});
