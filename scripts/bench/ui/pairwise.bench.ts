// Reviewing pairs with two 2,000-word responses: key press to the next pair painted (issue 15's
// goal: p90 under 50 ms), as a fast person (300 ms per pair) and back to back. It prints figures;
// it asserts no timings.
import { expect, test } from "@playwright/test";
import { seed, signIn, uniqueEmail } from "../../../e2e/helpers";
import { installTimer, quantile, readLags } from "./key-timer";

const REVIEWS = Number(process.env.BENCH_UI_REVIEWS ?? 60);
const words = (n: number, seed: number) =>
  Array.from({ length: n }, (_, i) => ["the", "answer", "depends", "on", "context", "and", "evidence", "because", "each", "step"][(i * 7 + seed) % 10]).join(
    " ",
  );

test("key press to next pair with two 2,000-word responses", async ({ page, request }) => {
  const annotator = uniqueEmail("bench-ann");
  const { projectId } = await seed(request, {
    people: [
      { email: uniqueEmail("bench-lead"), name: "Bench Lead", role: "LEAD" },
      { email: annotator, name: "Bench Annotator", role: "ANNOTATOR" },
    ],
    project: {
      name: "Long pairs",
      taskType: "PAIRWISE",
      items: Array.from({ length: 2 * REVIEWS + 20 }, (_, i) => ({
        externalId: `pair${String(i).padStart(4, "0")}`,
        text: `Question ${i}: explain the trade-offs.`,
        pair: { a: words(2000, i), b: words(2000, i + 3), aModel: "m1", bModel: "m2" },
        suggestion: { value: { label: i % 2 ? "A" : "B" }, confidence: 0.8 },
      })),
    },
  });
  await signIn(page, annotator);
  await page.setViewportSize({ width: 1440, height: 900 });
  const loop = async (thinkMs: number) => {
    await page.goto(`/projects/${projectId}/review`);
    await expect(page.getByTestId("review-item-id")).toBeVisible();
    await installTimer(page);
    for (let i = 0; i < REVIEWS / 2 + 5; i++) {
      const before = await page.getByTestId("review-item-id").textContent();
      if (thinkMs) await page.waitForTimeout(thinkMs);
      await page.keyboard.press(i % 2 ? "a" : "b");
      await page.keyboard.press("Enter");
      await expect(page.getByTestId("review-item-id")).not.toHaveText(before!);
    }
    return (await readLags(page)).slice(5);
  };
  const lags = await loop(300);
  const backToBack = await loop(0);
  const figures = {
    reviews: lags.length,
    pair_key_to_next_p50_ms: Math.round(quantile(lags, 0.5) * 10) / 10,
    pair_key_to_next_p90_ms: Math.round(quantile(lags, 0.9) * 10) / 10,
    pair_back_to_back_p90_ms: Math.round(quantile(backToBack, 0.9) * 10) / 10,
  };
  console.log(`BENCH_UI_PAIRWISE ${JSON.stringify(figures)}`);
  expect(lags.length).toBe(REVIEWS / 2);
});
