import { expect, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import type { SeedRequest } from "../lib/testing/seed";

export const PASSWORD = "e2e-password-123";

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/projects/);
}

/** A fresh browser context: another person, with their own cookies. */
export async function asNewPerson(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

export async function createProject(page: Page, name: string, labels: string[], taskType?: "SINGLE_LABEL" | "MULTI_LABEL" | "SPANS" | "PAIRWISE" | "RATING") {
  await page.goto("/projects/new");
  await page.getByLabel("Name", { exact: true }).fill(name);
  if (taskType) await page.getByLabel("Task type").selectOption(taskType);
  for (let i = 0; i < labels.length; i++) {
    if (i >= 2) await page.getByRole("button", { name: "Add label" }).click();
    await page.getByLabel(`Label ${i + 1} name`).fill(labels[i]);
  }
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page).toHaveURL(/\/projects\/[^/]+\/imports$/);
  return page.url().split("/").at(-2)!;
}

/** Saves a first prompt version with these instructions on Pre-labeling and runs it over every item, to the end. */
export async function runFirstPrompt(page: Page, instructions: string) {
  await page.getByRole("link", { name: "Pre-labeling" }).click();
  await page.getByLabel("Instructions").fill(instructions);
  await page.getByRole("button", { name: "Save as new version" }).click();
  await expect(page.getByRole("heading", { name: "Prompt · version 1" })).toBeVisible();
  await page.getByRole("button", { name: "Start run" }).click();
  await expect(page.getByRole("progressbar", { name: "Run progress" }).first()).toHaveAttribute("aria-valuenow", "100", { timeout: 30_000 });
}

/** An invited annotator, signed in at 1440 × 900 on the review screen with the first-time guidelines closed. */
export async function annotatorReviewing(page: Page, browser: Browser, projectId: string) {
  const link = await invite(page, projectId, uniqueEmail("ann"));
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const ann = await context.newPage();
  await acceptInvitation(ann, link, "Ann Annotator");
  await ann.goto(`/projects/${projectId}/review`);
  if (await ann.getByTestId("guidelines-panel").isVisible()) await ann.keyboard.press("g");
  return { ann, context };
}

export async function invite(page: Page, projectId: string, email: string): Promise<string> {
  await page.goto(`/projects/${projectId}/members`);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Create invitation link" }).click();
  const link = page.getByTestId("invite-link");
  await expect(link).toBeVisible();
  return link.inputValue();
}

export async function acceptInvitation(page: Page, link: string, name: string) {
  await page.goto(link);
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account and join" }).click();
  await expect(page).toHaveURL(/\/projects/);
}

export async function importJsonl(page: Page, projectId: string, rows: object[]) {
  await page.goto(`/projects/${projectId}/imports`);
  const body = rows.map((r) => JSON.stringify(r)).join("\n");
  await page.getByLabel("File (.csv, .jsonl, .json)").setInputFiles({ name: "items.jsonl", mimeType: "application/jsonl", buffer: Buffer.from(body) });
  await page.getByRole("button", { name: "Upload and import" }).click();
  await expect(page.getByTestId("import-summary").first()).toContainText(`${rows.length} added`);
}

export async function reviewSettings(page: Page, projectId: string, s: { k?: number; blind?: number }) {
  await page.goto(`/projects/${projectId}/settings`);
  if (s.k !== undefined) await page.getByLabel("Reviewers per item").fill(String(s.k));
  if (s.blind !== undefined) await page.getByLabel("Blind slice (%)").fill(String(s.blind));
  await page.getByRole("button", { name: "Save review settings" }).click();
  await expect(page.getByText("Review settings saved.")).toBeVisible();
}

type SeedPayload = Omit<SeedRequest, "people"> & { people: (Omit<SeedRequest["people"][number], "password"> & { password?: string })[] };

/**
 * Seeds people (password PASSWORD unless given) and a project with items and suggestions through
 * the app's test factories, so a spec needs nothing from the specs before it.
 */
export async function seed(request: APIRequestContext, payload: SeedPayload): Promise<{ projectId: string; userIds: Record<string, string> }> {
  const body = { ...payload, people: payload.people.map((p) => ({ password: PASSWORD, ...p })) };
  const res = await request.post("/api/testing/seed", { data: body, headers: { "x-goldset-seed-token": process.env.GOLDSET_E2E_SEED_TOKEN! } });
  expect(res.status(), await res.text()).toBe(200);
  return res.json();
}

/** Empties the instance, as on a first start (for the spec that creates the first account, whatever ran before it). */
export async function resetInstance(request: APIRequestContext) {
  const res = await request.post("/api/testing/seed", {
    data: { resetInstance: true },
    headers: { "x-goldset-seed-token": process.env.GOLDSET_E2E_SEED_TOKEN! },
  });
  expect(res.status(), await res.text()).toBe(200);
}

/** A unique email for this run, so specs never collide. */
export const uniqueEmail = (who: string) => `${who}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.com`;

/** Sets the fake Anthropic API's faults (e2e/start-server.mjs runs it with a control port two above the app's). */
export async function fakeApiFaults(request: APIRequestContext, faults: Record<string, number>) {
  const port = Number(process.env.E2E_PORT ?? 3210) + 2;
  const res = await request.post(`http://127.0.0.1:${port}/faults`, { data: faults });
  expect(res.status()).toBe(204);
}

/** Makes the fake's proposer answer with revisions that change nothing that matters (or, false, state the rule it finds). */
export async function fakeUselessProposer(request: APIRequestContext, useless: boolean) {
  const port = Number(process.env.E2E_PORT ?? 3210) + 2;
  const res = await request.post(`http://127.0.0.1:${port}/proposer`, { data: { useless } });
  expect(res.status()).toBe(204);
}
