// As an attacker and a careless user would try it, in a real browser against the production
// build: forms without JavaScript, no password or token in any URL, no open redirect, a deep link
// that survives signing in, security headers, and markup in every field a person can fill that
// never runs.
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { acceptInvitation, asNewPerson, invite, PASSWORD, seed, signIn, uniqueEmail } from "./helpers";

/** A lead of a seeded project (leads of a project may create more under the default instance settings). */
async function seededLead(request: APIRequestContext) {
  const email = uniqueEmail("lead");
  const { projectId } = await seed(request, {
    people: [{ email, name: "Lena Lead", role: "LEAD" }],
    project: { name: "Product reviews", labels: [{ name: "positive" }, { name: "negative" }] },
  });
  return { email, projectId };
}

const XSS = `<img src=x onerror="window.__xss=1;alert(1)"><script>window.__xss=1;alert(1)</script>"'><svg onload=alert(1)>`;

/** A page that fails the test if any dialog opens, and records every URL it requests. */
async function watched(browser: Browser, opts: { javaScriptEnabled?: boolean } = {}) {
  const context = await browser.newContext(opts);
  const page = await context.newPage();
  const urls: string[] = [];
  const dialogs: string[] = [];
  page.on("request", (r) => urls.push(r.url()));
  page.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  return { page, urls, dialogs, context };
}

async function signInNoJs(page: Page, email: string, password = PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("without JavaScript: sign-in, API tokens and password change work, and no URL carries a secret", async ({ browser, page, request }) => {
  const { email: lead, projectId } = await seededLead(request);
  const nojs = uniqueEmail("nojs");
  await signIn(page, lead);
  const link = await invite(page, projectId, nojs);
  const someone = await asNewPerson(browser);
  await acceptInvitation(someone, link, "Nora NoScript");

  const { page: p, urls } = await watched(browser, { javaScriptEnabled: false });
  await signInNoJs(p, nojs, "not the password");
  await expect(p.getByText("That email and password do not match an account.")).toBeVisible();
  await expect(p.getByLabel("Email")).toHaveValue(nojs);
  await signInNoJs(p, nojs);
  await expect(p).toHaveURL(/\/projects$/);

  await p.goto("/account");
  await p.getByLabel("Token name").fill("script");
  await p.getByRole("checkbox", { name: /Review/ }).check();
  await p.getByRole("button", { name: "Create token" }).click();
  const token = (await p.getByTestId("new-token").textContent())!.trim();
  expect(token).toMatch(/^gs_/);
  const items = await request.get(`/api/v1/projects/${projectId}/items`, { headers: { Authorization: `Bearer ${token}` } });
  expect(items.status()).toBe(200);
  // Read and review only: lead routes are refused even for a lead's token without the scope.
  expect((await request.get(`/api/v1/projects/${projectId}/imports`, { headers: { Authorization: `Bearer ${token}` } })).status()).toBe(403);

  await p.getByLabel("Current password").fill(PASSWORD);
  await p.getByLabel("New password", { exact: true }).fill("a brand new password");
  await p.getByLabel("New password again").fill("a brand new password");
  await p.getByRole("button", { name: "Change password" }).click();
  await expect(p.getByText("Password changed. Other sessions were signed out and your API token was revoked")).toBeVisible();
  // The other browser's session ended with the change, and so did the token.
  await someone.goto("/account");
  await expect(someone).toHaveURL(/\/sign-in/);
  expect((await request.get(`/api/v1/projects/${projectId}/items`, { headers: { Authorization: `Bearer ${token}` } })).status()).toBe(401);
  await p.getByRole("button", { name: "Sign out" }).click();
  await expect(p).toHaveURL(/\/sign-in$/);
  await signInNoJs(p, nojs, "a brand new password");
  await expect(p).toHaveURL(/\/projects$/);

  const leaked = urls.filter((u) => u.includes(PASSWORD) || u.includes("a brand new password") || u.includes(token) || /password=|token=gs_/i.test(u));
  expect(leaked).toEqual([]);
});

test("sign-in never sends anyone off the app, and a signed-out deep link comes back after signing in", async ({ browser, request }) => {
  const { email: lead } = await seededLead(request);
  for (const target of ["/%5Cexample.org", "/%09/example.org", "/%0A/example.org", "//example.org", "https://example.org/"]) {
    const { page } = await watched(browser);
    await page.goto(`/sign-in?callbackUrl=${target}`);
    await page.getByLabel("Email").fill(lead);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page, target).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/projects$/);
    await page.context().close();
  }
  const { page } = await watched(browser);
  await page.goto("/projects?archived=1");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await page.getByLabel("Email").fill(lead);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/projects\?archived=1$/);
});

test("pages send a nonce-based Content-Security-Policy; API answers are never cached", async ({ page, request }) => {
  const res = await page.goto("/sign-in");
  const csp = res!.headers()["content-security-policy"];
  expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(csp).toContain("img-src 'self' data:");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(res!.headers()["permissions-policy"]).toContain("camera=()");
  // Next's own scripts carry the nonce, so the page still hydrates.
  const nonce = /'nonce-([^']+)'/.exec(csp)![1];
  expect(await page.locator(`script[nonce]`).count()).toBeGreaterThan(0);
  // Browsers hide the attribute once parsed; the nonce property keeps it.
  expect(
    await page
      .locator("script[nonce]")
      .first()
      .evaluate((el) => (el as HTMLScriptElement).nonce),
  ).toBe(nonce);
  const api = await request.get("/api/v1/projects/x/items");
  expect(api.headers()["cache-control"]).toBe("no-store");
});

test("markup in every field people fill is shown as text and never runs", async ({ browser, request }) => {
  const { email: lead } = await seededLead(request);
  const { page, dialogs } = await watched(browser);
  await signIn(page, lead);
  // A project whose every text field carries a payload.
  await page.goto("/projects/new");
  await page.getByLabel("Name", { exact: true }).fill(`Project ${XSS}`);
  await page.getByLabel("Description", { exact: true }).fill(XSS);
  await page.getByLabel("Label 1 name").fill(`l1 ${XSS}`.slice(0, 60));
  await page.getByLabel("Label 1 description").fill(XSS);
  await page.getByLabel("Label 2 name").fill("plain");
  await page.getByLabel(/Guidelines/).fill(`# Rules\n\n${XSS}\n\n[click me](javascript:alert(1))\n\n<iframe src="javascript:alert(1)"></iframe>`);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page).toHaveURL(/\/imports$/);
  const projectId = page.url().split("/").at(-2)!;
  // Items whose text, id, metadata and file name carry payloads.
  const rows = [
    { id: `id-${XSS}`, text: `text ${XSS}`, note: XSS },
    { id: "plain", text: "plain text", note: "n" },
  ];
  await page.getByLabel("File (.csv, .jsonl, .json)").setInputFiles({
    name: `${XSS}.jsonl`.replace(/[/\\]/g, ""),
    mimeType: "application/jsonl",
    buffer: Buffer.from(rows.map((r) => JSON.stringify(r)).join("\n")),
  });
  await page.getByRole("button", { name: "Upload and import" }).click();
  await expect(page.getByTestId("import-summary").first()).toContainText("2 added");
  // A prompt and an invited person with payloads.
  await page.goto(`/projects/${projectId}/runs`);
  await page.getByLabel("Instructions").fill(`Label it. ${XSS}`);
  await page.getByRole("button", { name: "Save as new version" }).click();
  await expect(page.getByRole("heading", { name: "Prompt · version 1" })).toBeVisible();
  const link = await invite(page, projectId, "xss@example.com");
  const person = await asNewPerson(browser);
  person.on("dialog", (d) => void (dialogs.push(d.message()), d.dismiss()));
  await acceptInvitation(person, link, `Mallory ${XSS}`.slice(0, 100));

  const item = (await page.request.get(`/api/v1/projects/${projectId}/items`, { headers: { origin: "http://127.0.0.1" } }).then((r) => r.json())).items[0];
  const pages = ["", "/items", `/items/${item.id}`, "/imports", "/runs", "/members", "/settings", "/review", "/adjudication", "/quality", "/exports"];
  for (const path of pages) {
    await page.goto(`/projects/${projectId}${path}`);
    await page.waitForLoadState("networkidle");
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss), path).toBeUndefined();
  }
  await page.goto("/projects");
  await expect(page.getByText(`Project ${XSS}`).first()).toBeVisible(); // shown as text
  await person.goto(`/projects/${projectId}/review`);
  await person.waitForLoadState("networkidle");
  expect(await person.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
  expect(dialogs).toEqual([]);
});
