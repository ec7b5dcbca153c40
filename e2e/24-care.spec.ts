// Care for reviewers, as a team meets it: a lead sets a content warning, the categories the model
// flags, blurring and a daily cap; a reviewer reads the warning once, sees a flagged item blurred,
// reveals it, skips another with "I'd rather not see this", sees an ungrounded rationale marked,
// stops at the cap; the lead reads the workload per reviewer.
import { expect, test } from "@playwright/test";
import { seed, signIn, uniqueEmail } from "./helpers";

const ham = { label: "ham" };

test("a reviewer is warned once, sees flagged items blurred until they choose, opts out of one, and stops at the daily cap; the lead sees the workload", async ({
  page,
  browser,
  request,
}) => {
  const lead = uniqueEmail("lead");
  const reviewer = uniqueEmail("rev");
  const { projectId } = await seed(request, {
    people: [
      { email: lead, name: "Lee Lead", isAdmin: true, role: "LEAD" },
      { email: reviewer, name: "Rosa Reviewer", role: "ANNOTATOR" },
    ],
    project: {
      name: "Moderation queue",
      labels: [
        { name: "spam", hotkey: "1" },
        { name: "ham", hotkey: "2" },
      ],
      queueOrder: "IMPORT_ORDER",
      items: [
        {
          externalId: "e0",
          text: "Lunch on Friday? The usual place.",
          suggestion: { value: ham, confidence: 0.9, rationale: "A colleague asks about lunch.", evidence: ["meet me at the station"], grounded: false },
        },
        { externalId: "e1", text: "A graphic account of a street fight.", suggestion: { value: ham, confidence: 0.8, distress: ["violence"] } },
        { externalId: "e2", text: "Another violent description.", suggestion: { value: ham, confidence: 0.8, distress: ["violence"] } },
        { externalId: "e3", text: "The invoice is attached.", suggestion: { value: ham, confidence: 0.9 } },
        { externalId: "e4", text: "Minutes of the meeting.", suggestion: { value: ham, confidence: 0.9 } },
      ],
    },
  });

  // The lead sets the care settings.
  await signIn(page, lead);
  await page.goto(`/projects/${projectId}/settings`);
  const care = page.getByTestId("care-form");
  await care.getByLabel("Content warning").fill("Some messages describe violence in detail.");
  await care.getByLabel("Distressing content the model flags").fill("violence");
  await care.getByLabel("Blur flagged items until the reviewer chooses to see them").check();
  await care.getByLabel("Items per reviewer per day").fill("0");
  await care.getByRole("button", { name: "Save" }).click();
  await expect(care.getByText("At least 1 a day")).toBeVisible();
  await care.getByLabel("Items per reviewer per day").fill("3");
  await care.getByRole("button", { name: "Save" }).click();
  await expect(care.getByText("Saved.")).toBeVisible();

  // The reviewer: the warning first, once.
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const rev = await context.newPage();
  await signIn(rev, reviewer);
  await rev.goto(`/projects/${projectId}/review`);
  await expect(rev.getByTestId("content-warning")).toContainText("Some messages describe violence in detail.");
  await expect(rev.getByTestId("review-item-id")).toHaveCount(0);
  await rev.screenshot({ path: "test-results/care-warning.png", fullPage: true });
  await rev.getByRole("button", { name: "I understand, show me the items" }).click();
  if (await rev.getByTestId("guidelines-panel").isVisible()) await rev.keyboard.press("g");

  // e0: its rationale quotes words the item does not contain: marked.
  await expect(rev.getByTestId("review-item-id")).toHaveText("e0");
  await expect(rev.getByTestId("ungrounded-rationale")).toBeVisible();
  await rev.keyboard.press("r");
  await expect(rev.getByTestId("suggestion-rationale")).toContainText("not all found in the item");
  await rev.keyboard.press("Enter");

  // e1: flagged, blurred until the reviewer chooses; labels wait.
  await expect(rev.getByTestId("review-item-id")).toHaveText("e1");
  await expect(rev.getByTestId("distress-veil")).toContainText("This item may contain: violence.");
  await rev.keyboard.press("Enter");
  await expect(rev.getByText("Show the item first (V)")).toBeVisible();
  await rev.screenshot({ path: "test-results/care-veiled.png", fullPage: true });
  await rev.setViewportSize({ width: 390, height: 844 });
  await expect(rev.getByTestId("reveal-item")).toBeVisible();
  await rev.screenshot({ path: "test-results/care-veiled-phone.png", fullPage: true });
  expect(await rev.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await rev.setViewportSize({ width: 1440, height: 900 });
  await rev.keyboard.press("v");
  await expect(rev.getByTestId("distress-veil")).toHaveCount(0);
  await expect(rev.getByText("A graphic account of a street fight.")).toBeVisible();
  await rev.keyboard.press("Enter");

  // e2: flagged too; the reviewer would rather not see it.
  await expect(rev.getByTestId("review-item-id")).toHaveText("e2");
  await rev.getByTestId("opt-out-veiled").click();
  await expect(rev.getByText("not counted against you")).toBeVisible();

  // e3, then the cap: three reviewed (the opt-out is not counted).
  await expect(rev.getByTestId("review-item-id")).toHaveText("e3");
  await rev.keyboard.press("Enter");
  await expect(rev.getByText("That is today's share")).toBeVisible();
  await expect(rev.getByTestId("review-progress")).toContainText("Reviewed today: 3");
  await rev.screenshot({ path: "test-results/care-cap.png", fullPage: true });
  // A reload: no warning again, still capped.
  await rev.reload();
  await expect(rev.getByText("That is today's share")).toBeVisible();
  await expect(rev.getByTestId("content-warning")).toHaveCount(0);
  await context.close();

  // The lead sees the workload: by name, count and time, the opt-out apart.
  await page.goto(`/projects/${projectId}/members`);
  const row = page.getByTestId("workload-row").filter({ hasText: "Rosa Reviewer" });
  await expect(row).toContainText("3 items");
  await expect(row.locator("td").last()).toHaveText("1");
  await page.screenshot({ path: "test-results/care-workload.png", fullPage: true });
});
