import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { loadDemoProject, DEMO_SIZE } from "@/lib/demo/load-demo-project";
import { runImport } from "@/lib/imports/run-import";
import { callerOf, createTestUser } from "@/lib/testing/factories";

process.env.IMPORT_MAX_TEXT_CHARS = "1500"; // a small limit: the demo must still import whole
resetEnvForTests();

describe("demo project", () => {
  it("imports the SpamAssassin sample with its original labels as the reference, and no suggestions", async () => {
    const user = await createTestUser({ isAdmin: true });
    const project = await loadDemoProject(callerOf(user));
    const db = await getDb();
    const imp = await db.import.findFirstOrThrow({ where: { projectId: project.id } });
    expect(await runImport(imp.id)).toBe("done");
    const done = await db.import.findUniqueOrThrow({ where: { id: imp.id } });
    expect([done.rowsInserted, done.rowsFailed]).toEqual([DEMO_SIZE, 0]);
    const items = await db.item.findMany({
      where: { projectId: project.id },
      select: { text: true, metadata: true, status: true, inQueue: true, reference: true },
    });
    expect(items.every((i) => i.text.length <= 1500)).toBe(true);
    expect(items.every((i) => i.status === "NEW" && i.inQueue)).toBe(true); // original labels are neither suggestions nor gold
    expect(items.every((i) => !("original_label" in (i.metadata as object)))).toBe(true);
    const labels = items.map((i) => (i.reference?.value as { label: string } | undefined)?.label);
    expect(labels.filter((l) => l === "spam").length).toBeGreaterThan(50);
    expect(labels.filter((l) => l === "ham").length).toBeGreaterThan(50);
    // The guidelines reach the model's prompt and the fine-tuning export: they never point at hidden answers.
    const { guidelines } = await db.project.findUniqueOrThrow({ where: { id: project.id } });
    expect(guidelines).not.toMatch(/original_label|metadata/);
  });
});
