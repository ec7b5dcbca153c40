// Synthesis as a lead and an annotator meet it: the lead generates 20 texts for a rare label
// (against the fake model), sees what was dropped and why, and an annotator validates the new items
// with the keyboard: accepts one, rejects one as unusable, relabels one. Quality shows them apart.
import { expect, test } from "@playwright/test";
import { seed, signIn, uniqueEmail } from "./helpers";

test("a lead generates 20 items for a rare label and an annotator validates them", async ({ page, browser, request }) => {
  const lead = uniqueEmail("lead");
  const annotator = uniqueEmail("ann");
  const items = Array.from({ length: 12 }, (_, i) => {
    const label = i < 10 ? "billing" : "fraud";
    return { externalId: `t${i}`, text: `Ticket ${i}: a ${label} question about account ${i * 37}`, review: { label } };
  });
  const { projectId } = await seed(request, {
    people: [
      { email: annotator, name: "Ann Annotator", role: "ANNOTATOR" },
      { email: lead, name: "Lee Lead", role: "LEAD" },
    ],
    project: {
      name: "Support tickets",
      labels: [
        { name: "billing", hotkey: "1" },
        { name: "fraud", hotkey: "2" },
      ],
      items,
    },
  });
  await signIn(page, lead);
  // Quality points at the thin label and leads to the Synthesis tab.
  await page.goto(`/projects/${projectId}/quality`);
  await expect(page.getByTestId("thin-labels")).toContainText("fraud (2 gold)");
  await page.getByTestId("thin-labels").getByRole("link", { name: "Generate examples" }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${projectId}/synthesis$`));
  await expect(page.getByRole("heading", { name: "No synthesis jobs yet" })).toBeVisible();
  const form = page.getByRole("form", { name: "Generate examples" });
  await expect(form.getByLabel("Label")).toHaveValue("fraud"); // the rarer label comes first
  await form.getByLabel("How many texts").fill("20");
  await form.getByLabel("Topics to vary").fill("card payments, account takeover");
  await form.getByRole("button", { name: "Generate" }).click();
  const job = page.getByTestId("synthesis-job").first();
  await expect(job).toContainText("done", { timeout: 45_000 });
  await expect(job.getByTestId("synthesis-summary")).toContainText(/\d+ kept, [1-9]\d* dropped/);
  await job.getByText("What was dropped, and why").click();
  await expect(job).toContainText("near-duplicate of");
  await page.screenshot({ path: "test-results/synthesis-page.png", fullPage: true });

  const ann = await browser.newPage();
  await signIn(ann, annotator);
  await ann.goto(`/projects/${projectId}/review`);
  await expect(ann.getByText("Synthetic: written by Claude")).toBeVisible();
  const id = ann.getByTestId("review-item-id");
  const first = await id.textContent();
  await ann.keyboard.press("Enter"); // accept the intended label
  await expect(id).not.toHaveText(first!);
  const second = await id.textContent();
  await ann.keyboard.press("x"); // reject as unusable
  await expect(id).not.toHaveText(second!);
  const third = await id.textContent();
  await ann.keyboard.press("1"); // relabel as billing
  await ann.keyboard.press("Enter");
  await expect(id).not.toHaveText(third!);
  await ann.screenshot({ path: "test-results/synthesis-review.png" });

  await page.goto(`/projects/${projectId}/quality`);
  const card = page.getByTestId("synthesis-card");
  await expect(card).toBeVisible();
  const outcome = card.getByRole("table", { name: "Synthesis jobs reviewed" }).getByRole("row").nth(1);
  await expect(outcome).toContainText("3 of");
  await expect(outcome).toContainText("33%");
});
