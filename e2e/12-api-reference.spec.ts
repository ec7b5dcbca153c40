// The API reference renders offline under the app's content security policy, from the document
// the routes describe.
import { expect, test } from "@playwright/test";

test("the API reference page renders every operation from /api/v1/openapi.json", async ({ page, request }) => {
  const problems: string[] = [];
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  page.on("pageerror", (e) => problems.push(e.message));
  const doc = await (await request.get("/api/v1/openapi.json")).json();
  expect(doc.openapi).toBe("3.1.0");
  const operations = Object.values(doc.paths as Record<string, object>).reduce((n: number, ops) => n + Object.keys(ops).length, 0);

  await page.goto("/api-docs");
  await expect(page.getByRole("heading", { name: "Goldset API reference" })).toBeVisible();
  await expect(page.locator(".opblock")).toHaveCount(operations, { timeout: 20_000 });
  await expect(page.getByText("/api/v1/projects/{projectId}/learner/predict")).toBeVisible();
  // Opening an operation shows its description and body schema.
  await page.getByText("/api/v1/projects/{projectId}/learner/predict").click();
  await expect(page.getByText(/Labels and probabilities from the latest learner/).first()).toBeVisible();
  expect(problems.filter((p) => /Content Security Policy|Refused/i.test(p))).toEqual([]);
});

test("a path no operation serves answers JSON, not the app's HTML page; the project list needs a caller", async ({ request }) => {
  const res = await request.get("/api/v1/no-such-thing");
  expect(res.status()).toBe(404);
  expect(await res.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
  const projects = await request.get("/api/v1/projects");
  expect(projects.status()).toBe(401);
  expect(await projects.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
});
