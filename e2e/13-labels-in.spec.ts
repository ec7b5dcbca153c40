// Labels a team already has: a lead imports them as a reference with another model's predictions,
// sees on Quality how people, Claude and that model agree with them, and exports the project in
// Label Studio's format.
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { seed, signIn, uniqueEmail } from "./helpers";

test("a lead imports reference labels and another model's predictions, compares them on Quality, and exports for Label Studio", async ({ page, request }) => {
  const lead = uniqueEmail("lead");
  const items = Array.from({ length: 6 }, (_, i) => ({
    externalId: `r${i}`,
    text: `review number ${i}`,
    suggestion: { value: { label: i % 2 ? "negative" : "positive" }, confidence: 0.9 },
    review: { label: i % 2 ? "negative" : "positive" },
  }));
  const { projectId } = await seed(request, {
    people: [{ email: lead, name: "Lee Lead", role: "LEAD" }],
    project: { name: "Reviews with history", labels: [{ name: "positive" }, { name: "negative" }], items },
  });
  await signIn(page, lead);

  // The old labels agree with people on r0-r4; r5 they call positive. The old model says positive throughout.
  const csv = [
    "id,text,old_label,old_model",
    ...items.map((it, i) => `${it.externalId},${it.text},${i === 5 ? "positive" : it.review.label},positive`),
    "r9,an unknown label,neutral,positive",
  ].join("\n");
  await page.goto(`/projects/${projectId}/imports`);
  await page.getByLabel("File (.csv, .jsonl, .json)").setInputFiles({ name: "history.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByLabel("Existing labels column").selectOption("old_label");
  await expect(page.getByLabel("Use these labels as")).toHaveValue("REFERENCE");
  await page.getByLabel("Another model's predictions column").selectOption("old_model");
  await page.getByLabel("Model name").fill("legacy-svm");
  await page.getByRole("button", { name: "Upload and import" }).click();
  const summary = page.getByTestId("import-summary").first();
  await expect(summary).toContainText("6 already present");
  await expect(summary).toContainText("12 labels and predictions imported");
  await expect(summary).toContainText("1 rejected");
  await expect(page.getByRole("table", { name: "Rejected rows" })).toContainText("label: Unknown label: the project's labels are positive, negative");

  await page.goto(`/projects/${projectId}/quality`);
  const card = page.getByTestId("reference-card");
  await expect(card).toContainText("6 items carry a label you imported as a reference");
  const row = (who: string | RegExp) => card.getByRole("row").filter({ hasText: who });
  await expect(row("Reviewers")).toContainText("83.3%"); // 5 of 6
  await expect(row(/^Gold/)).toContainText("83.3%");
  await expect(row("imported predictions · legacy-svm")).toContainText("66.7%"); // r0, r2, r4, r5
  await page.screenshot({ path: "test-results/labels-in-quality.png", fullPage: true });

  // The item page shows the reference beside the gold.
  await page.goto(`/projects/${projectId}/items`);
  await page.getByRole("link", { name: "r5" }).click();
  await expect(page.getByTestId("reference")).toContainText("positive");

  // Export for Label Studio: every item, gold as a ground-truth annotation, a prediction each.
  await page.getByRole("link", { name: "Export" }).click();
  await page.getByLabel("Format").selectOption("LABEL_STUDIO");
  await page.getByLabel("Items", { exact: true }).selectOption("ALL");
  await page.getByRole("button", { name: "Export" }).click();
  const exported = page.getByTestId("export-row").first();
  await expect(exported.getByRole("link", { name: /Download/ })).toBeVisible({ timeout: 30_000 });
  const [download] = await Promise.all([page.waitForEvent("download"), exported.getByRole("link", { name: /Download/ }).click()]);
  const tasks = JSON.parse(fs.readFileSync((await download.path())!, "utf8"));
  expect(tasks).toHaveLength(6);
  expect(tasks[0].data).toEqual({ text: "review number 0", external_id: "r0" });
  expect(tasks[0].annotations[0].result[0]).toMatchObject({ type: "choices", value: { choices: ["positive"] } });
  // Every version's answer, each under its own model_version: Claude's and the imported model's.
  expect(tasks[0].predictions.map((p: { model_version: string }) => p.model_version).sort()).toEqual(["goldset-v1 (claude-haiku-4-5)", "legacy-svm"]);
});
