// A span item labeled by selecting text, and a disagreement that a lead adjudicates.
import { expect, test } from "@playwright/test";
import { acceptInvitation, asNewPerson, createProject, importJsonl, invite, reviewSettings, signIn } from "./helpers";

test("a span item is labeled by selecting text and pressing the label's key", async ({ page }) => {
  await signIn(page, "lead@example.com");
  const projectId = await createProject(page, "People and places", ["PER", "LOC"], "SPANS");
  await importJsonl(page, projectId, [{ id: "s1", text: "Ada Lovelace wrote to Babbage from London." }]);
  await reviewSettings(page, projectId, { blind: 0 });
  await page.goto(`/projects/${projectId}/review`);
  const text = page.getByTestId("review-text");
  await expect(text).toHaveText("Ada Lovelace wrote to Babbage from London.");
  // Select "Ada Lovelace" (characters 0-12) as a person would with the mouse.
  await text.evaluate((el) => {
    const node = el.querySelector("[data-start]")!.firstChild!;
    const range = document.createRange();
    range.setStart(node, 0);
    range.setEnd(node, 12);
    const sel = window.getSelection()!;
    sel.removeAllRanges();
    sel.addRange(range);
    el.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
  });
  await page.keyboard.press("1");
  await expect(text.locator("mark")).toHaveCount(1);
  await expect(text.locator("mark")).toContainText("Ada Lovelace");
  await page.keyboard.press("Enter");
  await expect(page.getByText("Nothing left to review")).toBeVisible();
  await page.goto(`/projects/${projectId}/items`);
  await page.getByRole("link", { name: "s1" }).click();
  await expect(page.getByTestId("gold")).toHaveText('PER: "Ada Lovelace"');
});

test("reviewers who disagree send the item to a lead, whose ruling becomes gold", async ({ page, browser }) => {
  await signIn(page, "lead@example.com");
  const projectId = await createProject(page, "Tie-break", ["yes", "no"]);
  await importJsonl(page, projectId, [{ id: "t1", text: "Is this a question?" }]);
  await reviewSettings(page, projectId, { k: 2, blind: 100 });
  const links = [await invite(page, projectId, "first@example.com"), await invite(page, projectId, "second@example.com")];
  for (const [i, key] of ["1", "2"].entries()) {
    const person = await asNewPerson(browser);
    await acceptInvitation(person, links[i], `Reviewer ${i + 1}`);
    await person.goto(`/projects/${projectId}/review`);
    await expect(person.getByTestId("review-item-id")).toHaveText("t1");
    await expect(person.getByText("Blind review: no suggestion shown")).toBeVisible();
    await person.keyboard.press(key);
    await person.keyboard.press("Enter");
    await expect(person.getByText("Nothing left to review")).toBeVisible();
  }
  await page.goto(`/projects/${projectId}/adjudication`);
  const item = page.getByTestId("adjudication-item");
  await expect(item).toContainText("Reviewer 1 (blind): yes");
  await expect(item).toContainText("Reviewer 2 (blind): no");
  await item.getByRole("button", { name: "no" }).click();
  await expect(page.getByText("No disagreements")).toBeVisible();
  await expect(page.getByRole("table", { name: "Audit log" })).toContainText("gold.adjudicated");
  await page.goto(`/projects/${projectId}/items`);
  await page.getByRole("link", { name: "t1" }).click();
  await expect(page.getByTestId("gold")).toHaveText("no");
  await expect(page.getByText("adjudication", { exact: true })).toBeVisible();
});
