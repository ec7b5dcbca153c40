// Auto-accept as a lead meets it: set an error budget, see the certified threshold and the
// coverage curve, turn it on, and the review queue shrinks by what was accepted.
import { expect, test } from "@playwright/test";
import { seed, signIn, uniqueEmail } from "./helpers";

/**
 * 120 spam/ham items at confidence 0.95, the model always right; the first 80 drew into the blind
 * slice and are reviewed (blind), the other 40 drew outside it and wait: they are what auto-accept can take.
 */
const spamHam = (prefix: string) =>
  Array.from({ length: 120 }, (_, i) => ({
    externalId: `${prefix}${String(i).padStart(3, "0")}`,
    text: `Message ${i}`,
    suggestion: { value: { label: i % 2 ? "spam" : "ham" }, confidence: 0.95 },
    blindDraw: i < 80 ? 0.1 : 0.9,
    ...(i < 80 ? { review: { label: i % 2 ? "spam" : "ham" } } : {}),
  }));

test("a lead sets an error budget, sees the certificate and the curve, turns auto-accept on, and the queue shrinks by the accepted count", async ({
  page,
  request,
}) => {
  const lead = uniqueEmail("lead");
  const { projectId } = await seed(request, {
    people: [
      { email: lead, name: "Lee Lead", role: "LEAD" },
      { email: uniqueEmail("ann"), name: "Ann Annotator", role: "ANNOTATOR" },
    ],
    project: {
      name: "Auto",
      labels: [{ name: "spam" }, { name: "ham" }],
      blindShare: 0.5, // the slice the certificate is built on: the items whose draw is below it
      items: spamHam("m"),
    },
  });
  await signIn(page, lead);
  await page.goto(`/projects/${projectId}/quality`);
  await expect(page.getByTestId("auto-accept-status")).toContainText("Off. Set an error budget");

  await page.goto(`/projects/${projectId}/settings`);
  await page.getByLabel("Error budget (%)").fill("5");
  await page.getByRole("button", { name: "Save and apply" }).click();
  // Saving returns at once; the apply runs as a job. Off still certifies, so the lead sees what it would do before turning it on.
  await expect(page.getByTestId("auto-accept-result")).toContainText("Certifying and applying in the background");
  await expect(page.getByTestId("apply-result")).toContainText(
    "Certified at the model's stated confidence of 95% or more. Auto-accept is off or paused: nothing accepted.",
  );
  await expect(page.getByTestId("auto-accept-now")).toContainText("Certified from version 1: suggestions the model gave with a confidence of 95.0% or more");
  await page.goto(`/projects/${projectId}/quality`);
  await expect(page.getByTestId("auto-accept-savings")).toContainText("40 items could be auto-accepted");
  await expect(page.getByTestId("coverage-chart").locator("svg").first()).toBeVisible();
  await expect(page.getByTestId("calibration-pair").getByTestId("calibration-chart")).toHaveCount(2);
  // What if: a tighter budget than 80 blind items can certify says how many more it needs.
  const slider = page.getByLabel(/What if the budget were/);
  await expect(page.getByTestId("what-if-budget")).toHaveText("5.0%");
  await slider.focus();
  await page.keyboard.press("Home");
  await expect(page.getByTestId("what-if-budget")).toHaveText("0.5%");
  await expect(page.getByTestId("what-if-result")).toContainText(/Nothing certified yet: about [\d,]+ more blind reviews needed/);
  await page.keyboard.press("End");
  await expect(page.getByTestId("what-if-result")).toContainText("40 items");

  await page.goto(`/projects/${projectId}/settings`);
  await page.getByLabel(/Auto-accept suggestions the certificate covers/).check();
  await page.getByRole("button", { name: "Save and apply" }).click();
  const result = page.getByTestId("apply-result");
  await expect(result).toContainText(/Done\. .*\d+ items auto-accepted now, \d+ kept for people to audit blind/);
  const [, accepted, audited] = /(\d+) items auto-accepted now, (\d+) kept/.exec((await result.textContent())!)!.map(Number);
  expect(accepted + audited).toBe(40);

  await page.goto(`/projects/${projectId}/review`);
  await expect(page.getByTestId("review-progress")).toContainText(`Remaining: ${40 - accepted}`);
  await page.goto(`/projects/${projectId}/items?gold=yes&q=Message+1`); // m1, m10-m19 reviewed, m100-m119 above the threshold
  await expect(page.getByText("auto-accepted").first()).toBeVisible();
});

test("a lead holds one label to a stricter budget: a budget above the project's is refused by field, and Quality certifies label by label", async ({
  page,
  request,
}) => {
  const lead = uniqueEmail("lead");
  const { projectId } = await seed(request, {
    people: [{ email: lead, name: "Lee Lead", role: "LEAD" }],
    project: {
      name: "Per label",
      labels: [{ name: "spam" }, { name: "ham" }],
      blindShare: 0.5,
      items: spamHam("p"),
    },
  });
  await signIn(page, lead);
  await page.goto(`/projects/${projectId}/settings`);
  await page.getByLabel("Error budget (%)").fill("5");
  await page.getByText("Per-label budgets (optional)").click();
  await page.getByLabel("spam", { exact: true }).fill("10");
  await page.getByRole("button", { name: "Save and apply" }).click();
  await expect(page.getByText("At most the project's 5%")).toBeVisible();
  await page.getByTestId("label-budgets").screenshot({ path: "test-results/per-label-settings.png" });
  await page.getByLabel("spam", { exact: true }).fill("2");
  await page.getByRole("button", { name: "Save and apply" }).click();
  // 40 error-free blind items per label: the first certificate at 97.75% each needs 74 for 5% and 188 for 2%.
  await expect(page.getByTestId("apply-result")).toContainText("Certified per label: 0 of 2 labels");
  await page.goto(`/projects/${projectId}/quality`);
  const table = page.getByTestId("per-label-certificate");
  await expect(table.getByRole("row", { name: /spam 2\.0% 40 Not certified yet: about [\d,]+ more blind items needed/ })).toBeVisible();
  await expect(table.getByRole("row", { name: /ham 5\.0% \(project\) 40 Not certified yet/ })).toBeVisible();
  await expect(page.getByTestId("auto-accept-audit")).toContainText("none checked yet");
  await page.screenshot({ path: "test-results/per-label-quality.png", fullPage: true });
});
