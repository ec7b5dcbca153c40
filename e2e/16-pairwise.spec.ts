// Pairwise preferences as a team does them: a lead creates a pairwise project and imports pairs
// (a row without response B is rejected with its line), Claude judges every pair in both orders,
// an annotator prefers responses with the keys, each pair in their own order, and the lead sees
// position bias and the models' leaderboard on Quality.
import { expect, test } from "@playwright/test";
import { acceptInvitation, createProject, invite, runFirstPrompt, seed, signIn, uniqueEmail } from "./helpers";

// The fake judge prefers the response that says "correct" (lib/testing/fake-anthropic/answer.ts).
// model-x always beats model-y; model-y and model-z split their games: x ranks first.
const PAIRS = Array.from({ length: 8 }, (_, i) => {
  const aCorrect = i % 4 !== 3;
  return {
    id: `q${i}`,
    prompt: `Question ${i}: what is ${i} + ${i}?`,
    response_a: aCorrect ? `It is ${2 * i}, the correct sum.` : `Maybe ${2 * i + 1}.`,
    response_b: aCorrect ? `I think ${2 * i + 3}.` : `${2 * i}, correct.`,
    model_a: i % 4 < 2 ? "model-x" : "model-y",
    model_b: i % 4 < 2 ? "model-y" : "model-z",
  };
});

test("a lead imports pairs and runs the judge, an annotator prefers with the keys, and Quality shows bias and the leaderboard", async ({
  page,
  browser,
  request,
}) => {
  const admin = uniqueEmail("admin");
  await seed(request, { people: [{ email: admin, name: "Ada Admin", isAdmin: true }] });
  await signIn(page, admin);
  const projectId = await createProject(page, "Which answer is better", [], "PAIRWISE");

  const csv = [
    "id,prompt,response_a,response_b,model_a,model_b",
    ...PAIRS.map((p) => [p.id, p.prompt, p.response_a, p.response_b, p.model_a, p.model_b].map((c) => `"${c}"`).join(",")),
    `q9,"No B here","Only A",,model-x,model-y`,
  ].join("\n");
  await page.getByLabel("File (.csv, .jsonl, .json)").setInputFiles({ name: "pairs.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await expect(page.getByLabel("Prompt column")).toHaveValue("prompt");
  await expect(page.getByLabel("Response A column")).toHaveValue("response_a");
  await expect(page.getByLabel("Model of B column")).toHaveValue("model_b");
  await page.getByRole("button", { name: "Upload and import" }).click();
  const summary = page.getByTestId("import-summary").first();
  await expect(summary).toContainText("8 added");
  await expect(summary).toContainText("1 rejected");
  await expect(page.getByRole("table", { name: "Rejected rows" })).toContainText('missing response B: no "response_b" value');

  // The judge: two requests per pair (A first, then B first), shown in the estimate.
  await runFirstPrompt(page, "Say which response answers the question correctly.");

  // An annotator joins and reviews with the keys: A / B for the side shown on the left / right.
  const link = await invite(page, projectId, uniqueEmail("ann"));
  const annotatorContext = await browser.newContext();
  const ann = await annotatorContext.newPage();
  await acceptInvitation(ann, link, "Ann Annotator");
  await ann.goto(`/projects/${projectId}/review`);
  for (let i = 0; i < PAIRS.length; i++) {
    await expect(ann.getByTestId("review-item-id")).toBeVisible();
    const id = await ann.getByTestId("review-item-id").innerText();
    const left = await ann.getByTestId("response-A").innerText();
    const right = await ann.getByTestId("response-B").innerText();
    const pair = PAIRS.find((p) => p.id === id)!;
    expect([left, right].sort()).toEqual([pair.response_a, pair.response_b].sort());
    if (i === 0) {
      await ann.screenshot({ path: "test-results/pairwise-review.png", fullPage: true });
      // On a phone the responses stack, and the page never scrolls sideways.
      await ann.setViewportSize({ width: 390, height: 844 });
      await ann.screenshot({ path: "test-results/pairwise-review-phone.png", fullPage: true });
      expect(await ann.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await ann.setViewportSize({ width: 1280, height: 800 });
    }
    // Prefer the response that is correct, by where it is on screen.
    await ann.keyboard.press(/correct/.test(left) ? "a" : "b");
    await expect(ann.getByTestId("submit")).toHaveText(/Submit: (A|B) is better/);
    await ann.keyboard.press("Enter");
    if (i < PAIRS.length - 1) await expect(ann.getByTestId("review-item-id")).not.toHaveText(id);
  }
  await expect(ann.getByText("Nothing left to review")).toBeVisible();
  await annotatorContext.close();

  await page.goto(`/projects/${projectId}/quality`);
  await expect(page.getByTestId("position-bias")).toContainText("Judge v1");
  await expect(page.getByTestId("position-bias").getByRole("row").filter({ hasText: "Judge v1" })).toContainText("50.0%");
  await expect(page.getByTestId("position-bias").getByRole("row").filter({ hasText: "People" })).toContainText("of 8");
  const board = page.getByTestId("leaderboard");
  await expect(board).toContainText("From people's gold");
  // People and the judge agree here: model-x first on both boards.
  for (const side of ["From people's gold", "From the judge (v1)"]) {
    await expect(board.locator("div.min-w-0").filter({ hasText: side }).getByRole("row").nth(1)).toContainText("model-x");
  }
  await expect(board).toContainText("model-z");
  await page.screenshot({ path: "test-results/pairwise-quality.png", fullPage: true });

  // The item page: both responses with their models, and the judge's answer in each order.
  await page.goto(`/projects/${projectId}/items`);
  await page.getByRole("link", { name: "q3", exact: true }).click();
  await expect(page.getByTestId("pair-responses")).toContainText(PAIRS[3].response_b);
  await expect(page.getByTestId("pair-responses")).toContainText("model-z");
  const judged = page.getByTestId("judgments").getByRole("listitem");
  await expect(judged).toHaveCount(2);
  await expect(judged.nth(0)).toContainText("A shown first: B");
  await expect(judged.nth(1)).toContainText("B shown first: B");
});
