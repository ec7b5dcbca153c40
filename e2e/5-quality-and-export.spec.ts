// Runs after 3-review.spec.ts, whose "Sentiment review" project has gold and suggestions.
// A lead reads the quality of the model's labels and exports the reviewed data; API tokens.
import crypto from "node:crypto";
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("a lead sees the confusion matrix and calibration, exports JSONL and downloads it; an API token works until revoked", async ({ page, request }) => {
  await signIn(page, "lead@example.com");
  await page.goto("/projects");
  await page.getByRole("link", { name: "Sentiment review" }).first().click();
  await page.getByRole("link", { name: "Quality" }).click();
  await page.waitForURL(/\/quality$/);
  const projectId = /projects\/([^/]+)\/quality/.exec(page.url())![1];

  await expect(page.getByTestId("confusion-matrix")).toBeVisible();
  await expect(page.getByTestId("confusion-matrix")).toContainText("positive");
  await expect(page.getByTestId("calibration-chart").locator("svg").first()).toBeVisible();
  await expect(page.getByTestId("slice-all")).toContainText("Accuracy");
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
  const lines = body.toString("utf8").trim().split("\n").map((l) => JSON.parse(l));
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
