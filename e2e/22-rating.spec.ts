// Rubric ratings as a team does them: a lead defines two criteria with their scales and anchors,
// imports answers, Claude rates them with the rubric, an annotator rates by keyboard criterion by
// criterion (on a wide screen and on a phone), and the lead reads Quality per criterion.
import { expect, test } from "@playwright/test";
import { annotatorReviewing, importJsonl, runFirstPrompt, seed, signIn, uniqueEmail } from "./helpers";

// The fake model rates what an item states ("clarity: 4"), so the levels below are its answers.
const ITEMS = Array.from({ length: 6 }, (_, i) => ({ id: `a${i}`, text: `Answer ${i} to the question. clarity: ${1 + (i % 5)} accuracy: ${i % 4}` }));
const levels = (id: string) => {
  const i = Number(id.slice(1));
  return { clarity: 1 + (i % 5), accuracy: i % 4 };
};

test("a lead defines a rubric and runs Claude, an annotator rates by keyboard on desktop and phone, and Quality reports per criterion", async ({
  page,
  browser,
  request,
}) => {
  const admin = uniqueEmail("admin");
  await seed(request, { people: [{ email: admin, name: "Ada Admin", isAdmin: true }] });
  await signIn(page, admin);

  await page.goto("/projects/new");
  await page.getByLabel("Name", { exact: true }).fill("Rate the answers");
  await page.getByLabel("Task type").selectOption("RATING");
  await expect(page.getByText("Rubric criteria")).toBeVisible();
  await page.getByLabel("Label 1 name").fill("clarity");
  await page.getByLabel("Label 1 description").fill("How easy the answer is to read");
  await page.getByLabel("Criterion 1 anchors").fill("unreadable\nhard going\nclear enough\nclear\ncrystal clear");
  await page.getByLabel("Label 2 name").fill("accuracy");
  await page.getByLabel("Criterion 2 lowest level").fill("0");
  await page.getByLabel("Criterion 2 highest level").fill("3");
  // A scale a digit key cannot type is refused where it was typed.
  await page.getByLabel("Criterion 2 highest level").fill("12");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByText("The highest level is at most 10")).toBeVisible();
  await page.getByLabel("Criterion 2 highest level").fill("3");
  await page.screenshot({ path: "test-results/rating-rubric-editor.png", fullPage: true });
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page).toHaveURL(/\/projects\/[^/]+\/imports$/);
  const projectId = page.url().split("/").at(-2)!;
  await importJsonl(page, projectId, ITEMS);

  await runFirstPrompt(page, "Rate the answer on the rubric.");

  const { ann, context } = await annotatorReviewing(page, browser, projectId);
  for (let n = 0; n < ITEMS.length; n++) {
    await expect(ann.getByTestId("review-item-id")).toBeVisible();
    const id = await ann.getByTestId("review-item-id").innerText();
    const want = levels(id);
    const blind = await ann.getByText("Blind review: no suggestion shown").isVisible();
    if (!blind && n % 2 === 0) {
      // Assisted: the suggested levels are on screen, and Enter accepts them.
      await expect(ann.getByTestId("submit")).toHaveText(new RegExp(`Accept: clarity ${want.clarity} · accuracy ${want.accuracy}`));
    } else {
      if (blind) await expect(ann.getByTestId("submit")).toHaveText(/Rate 2 more/);
      // Digit keys rate the outlined criterion and move to the next; the first answer is rated one level harsher on accuracy.
      const accuracy = n === 1 ? Math.min(3, want.accuracy + 1) : want.accuracy;
      await ann.keyboard.press(String(want.clarity));
      await expect(ann.getByTestId("criterion-1")).toHaveAttribute("aria-current", "step");
      await ann.keyboard.press(String(accuracy));
      await expect(ann.getByTestId("submit")).toHaveText(new RegExp(`Submit: clarity ${want.clarity} · accuracy ${accuracy}`));
      // A digit that is not on the scale says so and changes nothing.
      await ann.keyboard.press("9");
      await expect(ann.getByText("9 is not a level of accuracy.")).toBeVisible();
    }
    if (n === 0) {
      await expect(ann.getByTestId("criterion-0")).toContainText("How easy the answer is to read");
      await ann.screenshot({ path: "test-results/rating-review.png", fullPage: true });
      await ann.setViewportSize({ width: 390, height: 844 });
      await expect(ann.getByTestId("rating-panel")).toBeVisible();
      await ann.screenshot({ path: "test-results/rating-review-phone.png", fullPage: true });
      expect(await ann.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await ann.setViewportSize({ width: 1440, height: 900 });
    }
    await ann.keyboard.press("Enter");
    if (n < ITEMS.length - 1) await expect(ann.getByTestId("review-item-id")).not.toHaveText(id);
  }
  await expect(ann.getByText("Nothing left to review")).toBeVisible();
  await context.close();

  await page.goto(`/projects/${projectId}/quality`);
  const card = page.getByTestId("rating-card");
  await expect(card).toBeVisible();
  await expect(card.getByRole("row").filter({ hasText: "clarity" })).toContainText("100.0%");
  await expect(card.getByRole("row").filter({ hasText: "accuracy" })).toContainText("0–3");
  await page.screenshot({ path: "test-results/rating-quality.png", fullPage: true });
});
