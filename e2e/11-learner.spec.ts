// The task learner as a lead meets it: train it on the project's labels, see it beside the LLM on
// the blind slice with its learning curve, download it, and label texts with it through the API.
import { expect, test } from "@playwright/test";
import { seed, signIn, uniqueEmail } from "./helpers";

const POS = ["great product, works perfectly", "love it, excellent quality", "fantastic, would buy again", "superb and reliable"];
const NEG = ["terrible, broke after a day", "awful quality, refund please", "worst purchase ever", "useless and slow"];

test("a lead trains the learner and sees it beside the LLM, then downloads it", async ({ page, request }) => {
  const lead = uniqueEmail("lead");
  const { projectId } = await seed(request, {
    people: [
      { email: lead, name: "Lee Lead", role: "LEAD" },
      { email: uniqueEmail("ann"), name: "Ann Annotator", role: "ANNOTATOR" },
    ],
    project: {
      name: "Reviews",
      labels: [{ name: "positive" }, { name: "negative" }],
      blindShare: 0.5,
      items: Array.from({ length: 100 }, (_, i) => {
        const positive = i % 4 < 2; // in runs of two, not by parity
        const label = positive ? "positive" : "negative";
        const llm = i % 10 === 9 ? (positive ? "negative" : "positive") : label;
        return {
          externalId: `r${String(i).padStart(3, "0")}`,
          text: `${(positive ? POS : NEG)[Math.floor(i / 4) % 4]} (${i})`,
          suggestion: { value: { label: llm }, confidence: 0.9 },
          ...(i < 80 ? { review: { label } } : {}),
        };
      }),
    },
  });
  await signIn(page, lead);
  await page.goto(`/projects/${projectId}/quality`);
  const card = page.getByTestId("learner-card");
  await expect(card).toContainText("It needs at least 20 human gold labels");
  await page.getByRole("button", { name: "Train the learner" }).click();
  await expect(page.getByTestId("learner-training")).toBeVisible();
  // The page refreshes itself until the scores are in.
  await expect(card).toContainText("blind items", { timeout: 60_000 });
  // Once the training ends the page stops waiting and offers to train again.
  await expect(page.getByRole("button", { name: "Train again on the latest labels" })).toBeVisible();
  await expect(card.getByRole("row", { name: /Learner on human gold/ })).toContainText("%");
  await expect(card.getByRole("row", { name: /^LLM/ })).toContainText("%");
  await expect(page.getByTestId("learning-curve")).toBeVisible();

  const download = page.waitForEvent("download");
  await card.getByRole("link", { name: "trained on gold" }).click();
  const file = JSON.parse(await (await (await download).createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8")));
  expect(file).toMatchObject({ format: "goldset-learner", formatVersion: 1, labels: ["positive", "negative"] });

  const predicted = await page.request.post(`/api/v1/projects/${projectId}/learner/predict`, {
    data: { texts: ["superb and reliable", "worst purchase ever"] },
    headers: { origin: new URL(page.url()).origin }, // a session's POST must say it comes from the app
  });
  expect(predicted.status()).toBe(200);
  expect((await predicted.json()).predictions.map((p: { labels: string[] }) => p.labels[0])).toEqual(["positive", "negative"]);
});
