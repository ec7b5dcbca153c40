// The API reference is a page of the app, rendered on the server from the document the routes
// describe (e2e/20 holds it to axe-core and 390 px like every other page).
import { expect, test } from "@playwright/test";

test("the API reference page lists every operation from /api/v1/openapi.json, with examples for the host it was opened from", async ({ page, request }) => {
  const doc = await (await request.get("/api/v1/openapi.json")).json();
  expect(doc.openapi).toBe("3.1.0");
  const operations = Object.values(doc.paths as Record<string, object>).reduce((n: number, ops) => n + Object.keys(ops).length, 0);

  await page.goto("/api-docs");
  await expect(page.getByRole("heading", { name: "Goldset API reference" })).toBeVisible();
  await expect(page.getByTestId("api-operation")).toHaveCount(operations);
  const predict = page.getByTestId("api-operation").filter({ hasText: "/api/v1/projects/{projectId}/learner/predict" });
  await expect(predict).toContainText(/Labels and probabilities from the latest learner/);
  // The body's schema opens from the keyboard, and the example calls this host, not localhost.
  await predict.getByText("Request body").focus();
  await page.keyboard.press("Enter");
  await expect(predict.getByLabel(/Request body schema/)).toBeVisible();
  const origin = new URL(page.url()).origin;
  await expect(predict.getByLabel(/curl for POST/)).toContainText(`${origin}/api/v1/projects/$PROJECT_ID/learner/predict`);
  await page.screenshot({ path: "test-results/api-reference.png" });
});

test("a path no operation serves answers JSON, not the app's HTML page; the project list needs a caller", async ({ request }) => {
  const res = await request.get("/api/v1/no-such-thing");
  expect(res.status()).toBe(404);
  expect(await res.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
  const projects = await request.get("/api/v1/projects");
  expect(projects.status()).toBe(401);
  expect(await projects.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
});
