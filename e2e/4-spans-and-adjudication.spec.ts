// A span item labeled by selecting text, and a disagreement that a lead adjudicates. Each test
// seeds its own project.
import { expect, test } from "@playwright/test";
import { asNewPerson, seed, signIn, uniqueEmail } from "./helpers";

test("a span item is labeled by selecting text and pressing the label's key", async ({ page, request }) => {
  const lead = uniqueEmail("lead");
  const { projectId } = await seed(request, {
    people: [{ email: lead, name: "Lee Lead", role: "LEAD" }],
    project: {
      name: "People and places",
      taskType: "SPANS",
      labels: [{ name: "PER" }, { name: "LOC" }],
      items: [{ externalId: "s1", text: "Ada Lovelace wrote to Babbage from London." }],
    },
  });
  await signIn(page, lead);
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

test("reviewers who disagree send the item to a lead, who rules by keyboard with a note, can take it back, and reads the log in words", async ({
  page,
  browser,
  request,
}) => {
  const lead = uniqueEmail("lead");
  const reviewers = [uniqueEmail("first"), uniqueEmail("second")];
  const { projectId } = await seed(request, {
    people: [
      { email: lead, name: "Lee Lead", role: "LEAD" },
      { email: reviewers[0], name: "Reviewer One", role: "ANNOTATOR" },
      { email: reviewers[1], name: "Reviewer Two", role: "ANNOTATOR" },
    ],
    project: {
      name: "Tie-break",
      labels: [{ name: "yes" }, { name: "no" }, { name: "unsure" }, { name: "maybe" }],
      reviewersPerItem: 2,
      blindShare: 1,
      items: [
        {
          externalId: "t1",
          text: "Is this a question? " + "It goes on for a while. ".repeat(60),
          suggestion: { value: { label: "unsure" }, confidence: 0.55 },
        },
      ],
    },
  });
  for (const [i, key] of ["1", "2"].entries()) {
    const person = await asNewPerson(browser);
    await signIn(person, reviewers[i]);
    await person.goto(`/projects/${projectId}/review`);
    await expect(person.getByTestId("review-item-id")).toHaveText("t1");
    await expect(person.getByText("Blind review: no suggestion shown")).toBeVisible();
    await person.keyboard.press(key);
    await person.keyboard.press("Enter");
    await expect(person.getByText("Nothing left to review")).toBeVisible();
  }
  await signIn(page, lead);
  await page.goto(`/projects/${projectId}/adjudication`);
  const item = page.getByTestId("adjudication-item");
  // Each answer with who gave it, the model's beside them, in the labels' order.
  const options = item.getByRole("button", { pressed: false }).filter({ hasText: /Reviewer|model/ });
  await expect(options.nth(0)).toContainText("yes");
  await expect(options.nth(0)).toContainText("Reviewer One (blind)");
  await expect(options.nth(1)).toContainText("no");
  await expect(options.nth(1)).toContainText("Reviewer Two (blind)");
  await expect(options.nth(2)).toContainText("unsure");
  await expect(options.nth(2)).toContainText("model 55%");
  await expect(item.getByTestId("adjudication-text")).toHaveClass(/line-clamp/);
  await item.getByRole("button", { name: /Show all/ }).click();
  await expect(item.getByTestId("adjudication-text")).not.toHaveClass(/line-clamp/);

  await page.keyboard.press("2");
  await page.keyboard.press("n");
  await page.keyboard.type("The text is phrased as a question.");
  await page.getByTestId("rule").focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText("No disagreements wait for a ruling")).toBeVisible();
  await expect(page.getByTestId("resolved")).toContainText("t1");
  await expect(page.getByRole("table", { name: "Audit log" })).toContainText("ruled no: “The text is phrased as a question.”");
  await expect(page.getByRole("table", { name: "Audit log" })).toContainText("Reviewer One");

  // Taken back: the item waits again; ruled again with a label nobody gave ("another label", O).
  await page.keyboard.press("u");
  await expect(page.getByTestId("adjudication-item-id")).toHaveText("t1");
  await page.keyboard.press("o");
  await expect(item.getByRole("button", { name: /maybe/ })).toContainText("nobody chose it");
  await page.keyboard.press("4");
  await page.keyboard.press("Enter");
  await expect(page.getByText("No disagreements wait for a ruling")).toBeVisible();
  await page.getByTestId("resolved").getByRole("link", { name: "t1" }).first().click();
  await expect(page.getByTestId("gold")).toHaveText("maybe");
});
