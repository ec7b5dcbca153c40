// A lead reads the quality of the model's labels and exports the reviewed data; API tokens.
// The project is seeded with suggestions and reviews recorded through the review queue.
import crypto from "node:crypto";
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { seed, signIn, uniqueEmail } from "./helpers";

const LABELS = ["positive", "negative", "neutral"];

test("a lead sees the confusion matrix and calibration, exports JSONL and downloads it; an API token works until revoked", async ({ page, request }) => {
  const lead = uniqueEmail("lead");
  const { projectId } = await seed(request, {
    people: [
      { email: lead, name: "Lee Lead", role: "LEAD" },
      { email: uniqueEmail("ann"), name: "Ann Annotator", role: "ANNOTATOR" },
    ],
    project: {
      name: "Sentiment review",
      labels: LABELS.map((name) => ({ name })),
      blindShare: 0.5,
      items: Array.from({ length: 12 }, (_, i) => ({
        externalId: `q${i}`,
        text: `Review ${i}: the service was ${["great", "awful", "fine"][i % 3]}.`,
        suggestion: { value: { label: LABELS[i % 3] }, confidence: 0.55 + (i % 4) / 10 },
        // Every fourth suggestion is corrected, so the matrix has an off-diagonal cell.
        review: { label: i % 4 === 3 ? LABELS[(i + 1) % 3] : LABELS[i % 3] },
      })),
    },
  });
  await signIn(page, lead);
  await page.goto(`/projects/${projectId}/quality`);

  await expect(page.getByTestId("confusion-matrix")).toBeVisible();
  await expect(page.getByTestId("confusion-matrix")).toContainText("positive");
  await expect(page.getByTestId("calibration-chart").locator("svg").first()).toBeVisible();
  await expect(page.getByTestId("slice-all")).toContainText("Accuracy");
  // The headline says what the figures mean, starting from the blind slice.
  await expect(page.getByTestId("quality-headline")).toContainText(
    /Claude \(claude-haiku-4-5\), prompt v1 is right \d+% of the time \(give or take \d+ points\), measured on \d+ items people reviewed blind/,
  );
  // Help opens from the keyboard (no hover): focus the "?" beside Accuracy and press Enter.
  await page.getByRole("button", { name: "About Accuracy" }).first().focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("tooltip").filter({ hasText: "Wilson interval" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("tooltip").filter({ hasText: "Wilson interval" })).toBeHidden();
  // A confusion cell opens the items it counts: gold positive, suggested negative (none here) vs the
  // corrected ones (gold says otherwise than the model).
  const cell = page.getByTestId("confusion-matrix").getByRole("link", { name: /^gold negative, model positive: (\d+) items?$/ });
  const n = Number(/: (\d+) item/.exec((await cell.getAttribute("aria-label"))!)![1]);
  await cell.click();
  await expect(page).toHaveURL(/\/items\?goldLabel=negative&suggested=positive&version=/);
  await expect(page.getByTestId("items-total")).toHaveText(`${n} item${n === 1 ? "" : "s"} match`);
  await page.goto(`/projects/${projectId}/quality`);
  await page.screenshot({ path: "test-results/quality.png", fullPage: true });

  await page.getByRole("link", { name: "Export" }).click();
  await expect(page.getByText("No exports yet")).toBeVisible();
  await page.getByRole("button", { name: "Export" }).click();
  const row = page.getByTestId("export-row").first();
  await expect(row.getByRole("link", { name: /Download/ })).toBeVisible({ timeout: 30_000 });
  const sha = (await row.getByTestId("export-sha256").textContent())!.match(/sha256 ([0-9a-f]{64})/)![1];
  // Files are deleted after the retention period (7 days by default): the row says until when.
  await expect(row.getByTestId("export-expires")).toContainText(/Kept until .*7 days after it finished/);
  const [download] = await Promise.all([page.waitForEvent("download"), row.getByRole("link", { name: /Download/ }).click()]);
  const body = fs.readFileSync((await download.path())!);
  expect(crypto.createHash("sha256").update(body).digest("hex")).toBe(sha);
  const lines = body
    .toString("utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  expect(lines.length).toBeGreaterThan(0);
  expect(lines[0]).toHaveProperty("gold");
  expect(lines[0]).toHaveProperty("suggestion");

  // A personal API token: shown once, accepted by /api/v1 with the same scoping, refused once revoked.
  await page.goto("/account");
  await page.getByLabel("Token name").fill("e2e");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())!.trim();
  const auth = { Authorization: `Bearer ${token}` };
  expect((await request.get(`/api/v1/projects/${projectId}/exports`, { headers: auth })).status()).toBe(200);
  expect((await request.get(`/api/v1/projects/not-a-project/exports`, { headers: auth })).status()).toBe(404);
  await page.getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByText("revoked")).toBeVisible();
  expect((await request.get(`/api/v1/projects/${projectId}/exports`, { headers: auth })).status()).toBe(401);
});
