// A run whose API stops answering stops and says so, instead of failing item after item under a
// "running" card; after Resume it completes with nothing lost.
import { expect, test } from "@playwright/test";
import { fakeApiFaults, seed, signIn, uniqueEmail } from "./helpers";

test("the API goes away mid-run: the run pauses with the reason within a minute, and Resume completes it", async ({ page, request }) => {
  test.setTimeout(120_000);
  const lead = uniqueEmail("lead");
  const { projectId } = await seed(request, {
    people: [{ email: lead, name: "Lee Lead", role: "LEAD" }],
    project: {
      name: "Outage",
      labels: [{ name: "spam" }, { name: "ham" }],
      items: Array.from({ length: 30 }, (_, i) => ({ externalId: `o${i}`, text: i % 2 ? `Win money now ${i}` : `Lunch at noon ${i}` })),
    },
  });
  await signIn(page, lead);
  await page.goto(`/projects/${projectId}/runs`);
  await page.getByLabel("Instructions").fill("Decide whether each e-mail is spam.");
  await page.getByRole("button", { name: "Save as new version" }).click();
  await expect(page.getByRole("heading", { name: "Prompt · version 1" })).toBeVisible();
  try {
    await fakeApiFaults(request, { drop: 1 }); // every connection dropped without an answer
    await page.getByRole("button", { name: "Start run" }).click();
    const reason = page.getByTestId("run-reason").first();
    await expect(reason).toContainText(/The Anthropic API has not answered for \d+ s \(connection refused or dropped/, { timeout: 60_000 });
    await expect(reason).toContainText("Paused; nothing was lost. Resume when it is back");
    await expect(page.getByTestId("run").first()).toContainText("paused");
    await page.screenshot({ path: "test-results/run-paused-outage.png", fullPage: true });
  } finally {
    await fakeApiFaults(request, {});
  }
  await page.getByRole("button", { name: "Resume" }).click();
  await expect(page.getByTestId("run-stats").first()).toContainText("Done 30 / 30", { timeout: 60_000 });
  await expect(page.getByTestId("run-stats").first()).toContainText("Failed 0");
});
