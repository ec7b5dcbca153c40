// A lead writes a prompt, starts a run in the browser, watches the progress bar reach 100%, and
// finds the suggestions on the items. The server talks to the project's fake Anthropic API.
import { expect, test } from "@playwright/test";
import { createProject, seed, signIn, uniqueEmail } from "./helpers";

test("a lead pre-labels a project and sees the suggestions on its items", async ({ page, request }) => {
  const admin = uniqueEmail("admin");
  await seed(request, { people: [{ email: admin, name: "Ada Admin", isAdmin: true }] });
  await signIn(page, admin);
  await createProject(page, "Spam triage", ["spam", "ham"]);
  const lines = Array.from({ length: 24 }, (_, i) =>
    JSON.stringify({ id: `e${i}`, text: i % 2 ? `Win money now, pure spam ${i}` : `Lunch at noon? ham sandwich ${i}` }),
  );
  await page
    .getByLabel("File (.csv, .jsonl, .json)")
    .setInputFiles({ name: "mail.jsonl", mimeType: "application/jsonl", buffer: Buffer.from(lines.join("\n")) });
  await page.getByRole("button", { name: "Upload and import" }).click();
  await expect(page.getByTestId("import-summary").first()).toContainText("24 added");

  await page.getByRole("link", { name: "Pre-labeling" }).click();
  await expect(page.getByText("Save a prompt first")).toBeVisible();
  await page.getByLabel("Instructions").fill("Decide whether each e-mail is spam.");
  await page.getByRole("button", { name: "Save as new version" }).click();
  await expect(page.getByRole("heading", { name: "Prompt · version 1" })).toBeVisible();
  // A short prompt: the page says why nothing will be cached (Haiku 4.5 caches 4,096 tokens or more).
  await expect(page.getByTestId("prefix-note").first()).toContainText("caching needs 4,096");

  await page.getByRole("button", { name: "Start run" }).click();
  const progress = page.getByRole("progressbar", { name: "Run progress" }).first();
  await expect(progress).toHaveAttribute("aria-valuenow", "100", { timeout: 30_000 });
  await expect(page.getByTestId("run").first()).toContainText("done");
  await expect(page.getByTestId("run-stats").first()).toContainText("Done 24 / 24");

  await page.getByRole("link", { name: "Items", exact: true }).click();
  await page.getByRole("link", { name: "e1", exact: true }).click();
  await expect(page.getByTestId("suggestion")).toContainText("spam");
  await expect(page.getByTestId("suggestion")).toContainText("Confidence");
});
