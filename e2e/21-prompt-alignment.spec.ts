// A lead asks Claude to improve the prompt from reviewers' corrections, tests the proposal on
// held-out gold, promotes it on the evidence, and finds the new version beside the old on Quality.
// The fake model calls mail about a warranty spam until its prompt says such mail is ham
// (FAKE_LLM_HIDDEN_RULES in e2e/start-server.mjs); the seeded version 1 made that mistake.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { fakeUselessProposer, seed, signIn, uniqueEmail } from "./helpers";

test("a lead proposes, tests and promotes a prompt version learned from corrections", async ({ page, request }) => {
  test.setTimeout(120_000);
  const lead = uniqueEmail("lead");
  const items = Array.from({ length: 90 }, (_, i) => {
    const kind = i % 3;
    const text = kind === 0 ? `Your warranty for order ${i} was extended` : kind === 1 ? `Cheap pills, spam offer ${i}` : `Lunch at noon? ham sandwich ${i}`;
    const truth = kind === 1 ? "spam" : "ham";
    const said = kind === 0 ? "spam" : truth;
    return { externalId: `w${i}`, text, suggestion: { value: { label: said }, confidence: 0.9 }, review: { label: truth } };
  });
  const { projectId } = await seed(request, {
    people: [{ email: lead, name: "Lee Lead", role: "LEAD" }],
    project: {
      name: "Warranty mail",
      labels: [
        { name: "spam", hotkey: "1" },
        { name: "ham", hotkey: "2" },
      ],
      items,
    },
  });
  await signIn(page, lead);
  await page.goto(`/projects/${projectId}/runs`);
  await page.getByRole("link", { name: "Improve this version from corrections" }).click();
  await expect(page.getByText("No proposals yet")).toBeVisible();
  await page.getByLabel("Proposer model").selectOption("claude-sonnet-4-6");
  await page.getByRole("button", { name: "Improve version 1 from corrections" }).click();

  const round = page.getByTestId("proposal-round").first();
  await expect(round).toContainText("Round 1");
  await expect(round).toContainText("draft");
  await expect(round).toContainText("people said “ham”, the model “spam”");
  await expect(page.getByTestId("gold-split")).toContainText("held out");
  await expect(round.getByTestId("proposal-diff")).toContainText('mention "warranty" are labeled ham');
  await expect(round.getByTestId("test-estimate")).toContainText("held-out gold items");
  await page.screenshot({ path: "test-results/21-proposal-draft.png", fullPage: true });

  // The lead adds a line before testing; the candidate is tested as edited.
  const instructions = round.getByLabel("Instructions (edit before testing if you like)");
  await instructions.fill(`${await instructions.inputValue()}\nWhen in doubt, read the whole message.`);
  await round.getByRole("button", { name: "Test on held-out gold" }).click();
  await expect(round).toContainText(/testing on held-out gold|tested/);
  const result = round.getByTestId("proposal-result");
  await expect(result).toContainText("is better on the held-out gold", { timeout: 60_000 });
  await expect(result).toContainText("test 1 on this held-out set");
  await page.screenshot({ path: "test-results/21-proposal-tested.png", fullPage: true });
  await checkPage(page);

  // Pre-labeling points at the proposal waiting for the lead.
  await page.goto(`/projects/${projectId}/runs`);
  await expect(page.getByTestId("proposal-waiting")).toContainText("Version 2, proposed from corrections, did better than version 1");
  await page.getByRole("link", { name: "See the proposal" }).click();
  await page.getByTestId("proposal-round").first().getByRole("button", { name: "Use version 2" }).click();
  await expect(page.getByTestId("proposal-round").first()).toContainText("in use");
  await page.goto(`/projects/${projectId}/runs`);
  await expect(page.getByTestId("proposal-waiting")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Prompt · version 2" })).toBeVisible();

  await page.goto(`/projects/${projectId}/quality`);
  const versions = page.getByLabel("Prompt version");
  await expect(versions.locator("option")).toHaveCount(2);
  await expect(versions.locator("option").nth(0)).toContainText("v2");
  await expect(versions.locator("option").nth(0)).toContainText("proposed from corrections");
  await expect(versions.locator("option").nth(1)).toContainText("v1");
});

test("when a test cannot decide, the lead sends the disagreements to review first", async ({ page, request }) => {
  test.setTimeout(120_000);
  const lead = uniqueEmail("lead");
  // Twelve gold items about a warranty that version 1 called spam; the proposer is useless here, so
  // the candidate calls them spam too: no held-out item tells the two apart. Sixty items wait for
  // review, on which version 1 said ham and the candidate will say spam.
  const gold = Array.from({ length: 12 }, (_, i) => ({
    externalId: `g${i}`,
    text: `Your warranty for order ${i} was extended`,
    suggestion: { value: { label: "spam" }, confidence: 0.9 },
    review: { label: "ham" },
  }));
  const waiting = Array.from({ length: 60 }, (_, i) => ({
    externalId: `w${i}`,
    text: `Cheap pills, spam offer ${i}`,
    suggestion: { value: { label: "ham" }, confidence: 0.6 },
  }));
  const { projectId } = await seed(request, {
    people: [{ email: lead, name: "Lee Lead", role: "LEAD" }],
    project: {
      name: "Cannot decide",
      labels: [
        { name: "spam", hotkey: "1" },
        { name: "ham", hotkey: "2" },
      ],
      items: [...gold, ...waiting],
    },
  });
  await fakeUselessProposer(request, true);
  try {
    await signIn(page, lead);
    await page.goto(`/projects/${projectId}/runs/improve`);
    await page.getByRole("button", { name: "Improve version 1 from corrections" }).click();
    const round = page.getByTestId("proposal-round").first();
    await round.getByRole("button", { name: "Test on held-out gold" }).click();
    await expect(round.getByTestId("proposal-result")).toContainText("No held-out item tells the two versions apart yet", { timeout: 60_000 });
    await round.getByLabel("Unreviewed items to label with both versions").fill("60");
    await round.getByRole("button", { name: "Review where they disagree first" }).click();
    await expect(round.getByTestId("review-first")).toContainText("They disagree on 60 of 60 items", { timeout: 60_000 });
    await expect(round.getByTestId("review-first")).toContainText("held to p < 0.0125");
    await page.screenshot({ path: "test-results/21-review-first.png", fullPage: true });
    await checkPage(page);
    // The reviewer gets one of them first, and sees neither version's answer.
    await page.getByRole("link", { name: "Review", exact: true }).click();
    await expect(page.getByText(/Cheap pills, spam offer/)).toBeVisible();
    await expect(page.getByTestId("suggested-badge")).toHaveCount(0);
  } finally {
    await fakeUselessProposer(request, false);
  }
});

/** The page with its rounds: no serious or critical axe violation, and at 390 px nothing scrolls sideways. */
async function checkPage(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes[0]?.target.join(" ")}`)).toEqual([]);
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `test-results/21-phone-${Date.now()}.png`, fullPage: true });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  if (size) await page.setViewportSize(size);
}
