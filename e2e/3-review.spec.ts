// An annotator reviews with the keyboard only: accept, correct, skip, undo; a blind item shows no
// suggestion; decisions become gold.
import { expect, test, type Page } from "@playwright/test";
import { acceptInvitation, asNewPerson, createProject, invite, signIn } from "./helpers";

test("an annotator reviews pre-labeled items with the keyboard, and blind items hide the suggestion", async ({ page, browser }) => {
  await signIn(page, "lead@example.com");
  const projectId = await createProject(page, "Sentiment review", ["positive", "negative"]);
  const lines = Array.from({ length: 14 }, (_, i) => JSON.stringify({ id: `r${String(i).padStart(2, "0")}`, text: i % 2 ? `A negative experience, number ${i}` : `A positive surprise, number ${i}` }));
  await page.getByLabel("File (.csv, .jsonl, .json)").setInputFiles({ name: "r.jsonl", mimeType: "application/jsonl", buffer: Buffer.from(lines.join("\n")) });
  await page.getByRole("button", { name: "Upload and import" }).click();
  await expect(page.getByTestId("import-summary").first()).toContainText("14 added");

  // Review in import order, nothing blind for now; pre-label everything.
  await page.goto(`/projects/${projectId}/settings`);
  await page.getByLabel("Blind slice (%)").fill("0");
  await page.getByLabel("Queue order").selectOption("IMPORT_ORDER");
  await page.getByRole("button", { name: "Save review settings" }).click();
  await expect(page.getByText("Review settings saved.")).toBeVisible();
  await page.goto(`/projects/${projectId}/runs`);
  await page.getByRole("button", { name: "Save as new version" }).click();
  await expect(page.getByRole("heading", { name: "Prompt · version 1" })).toBeVisible();
  await page.getByRole("button", { name: "Start run" }).click();
  await expect(page.getByRole("progressbar", { name: "Run progress" }).first()).toHaveAttribute("aria-valuenow", "100", { timeout: 30_000 });

  const link = await invite(page, projectId, "reviewer@example.com");
  const ann = await asNewPerson(browser);
  await acceptInvitation(ann, link, "Rita Reviewer");
  await ann.goto(`/projects/${projectId}/review`);

  const current = (p: Page) => p.getByTestId("review-item-id");
  const waitFor = async (p: Page, id: string) => expect(current(p)).toHaveText(id);

  await waitFor(ann, "r00");
  await expect(ann.getByTestId("review-suggestion")).toContainText("positive");
  await ann.keyboard.press("Enter"); // accept
  await waitFor(ann, "r01");
  await ann.keyboard.press("1"); // correct the model's "negative" to "positive"
  await expect(ann.getByRole("button", { name: /positive/ })).toHaveAttribute("aria-pressed", "true");
  await ann.keyboard.press("Enter");
  await waitFor(ann, "r02");
  await ann.keyboard.press("s"); // skip
  await waitFor(ann, "r03");
  await ann.keyboard.press("u"); // undo the skip: r02 comes back
  await waitFor(ann, "r02");
  await ann.keyboard.press("Enter");
  for (const id of ["r03", "r04", "r05", "r06", "r07", "r08", "r09"]) {
    await waitFor(ann, id);
    await ann.keyboard.press("Enter");
  }
  await waitFor(ann, "r10");
  await expect(ann.getByTestId("review-progress")).toContainText("Reviewed today: 10");
  await ann.keyboard.press("?");
  await expect(ann.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
  await ann.keyboard.press("Escape");

  // Every item is blind now. Blindness is fixed when an item is handed out (what the reviewer
  // saw is what the decision records): r10 on screen and r11 already fetched keep their
  // suggestion; the next new item shows none, and says so.
  await page.goto(`/projects/${projectId}/settings`);
  await page.getByLabel("Blind slice (%)").fill("100");
  await page.getByRole("button", { name: "Save review settings" }).click();
  await expect(page.getByText("Review settings saved.")).toBeVisible();
  await ann.reload();
  await waitFor(ann, "r10");
  await expect(ann.getByTestId("review-suggestion")).toContainText("positive");
  await ann.keyboard.press("Enter");
  await waitFor(ann, "r11");
  await ann.keyboard.press("Enter");
  await waitFor(ann, "r12");
  await expect(ann.getByText("Blind review: no suggestion shown")).toBeVisible();
  await expect(ann.getByTestId("review-suggestion")).toHaveCount(0);

  // The decisions are gold: r01 was corrected to "positive".
  await page.goto(`/projects/${projectId}/items?status=REVIEWED`);
  await expect(page.getByRole("row")).toHaveCount(13); // header + 12 reviewed
});
