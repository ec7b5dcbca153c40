// The foundation, as people use it: first account, a project with labels, a CSV import with bad
// rows, browsing items, an invited annotator, and an outsider who must not see the project.
import { expect, test } from "@playwright/test";
import { acceptInvitation, asNewPerson, createProject, invite, PASSWORD, resetInstance, signIn } from "./helpers";

const LEAD = { name: "Lena Lead", email: "lead@example.com" };

const CSV = [
  "id,review,stars",
  "r1,Great battery life,5",
  'r2,"Broke after a week.\nWould not buy again.",1',
  "r3,,3", // missing text
  "r4,too,many,fields", // wrong field count
  "r5,<img src=x onerror=alert(1)> looks fine,4", // must render as text
  "r1,Duplicate id in the same file,2",
].join("\n");

test.describe.configure({ mode: "serial" });

// The first account is made on an empty instance: empty it, so this spec runs alone, first or after any other.
test.beforeAll(async ({ request }) => resetInstance(request));

test("a lead sets up Goldset, imports items, and invites an annotator who sees only that project", async ({ page, browser }) => {
  // First visit to an empty instance offers to create the first account (the admin). Set-up is a
  // plain form post: it works before (or without) the page's JavaScript, and never puts the
  // password in a URL.
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const first = await noJs.newPage();
  const urls: string[] = [];
  first.on("request", (r) => urls.push(r.url()));
  await first.goto("/");
  await expect(first).toHaveURL(/\/setup$/);
  await first.getByLabel("Your name").fill(LEAD.name);
  await first.getByLabel("Email").fill(LEAD.email);
  await first.getByLabel("Password").fill("short");
  await first.getByRole("button", { name: "Create admin account" }).click();
  await expect(first.getByText("Use at least 10 characters", { exact: true })).toBeVisible(); // inline field error
  await expect(first.getByLabel("Email")).toHaveValue(LEAD.email); // kept, the password is not
  await first.getByLabel("Password").fill(PASSWORD);
  await first.getByRole("button", { name: "Create admin account" }).click();
  await expect(first).toHaveURL(/\/projects$/);
  await expect(first.getByText("No projects yet")).toBeVisible();
  expect(urls.filter((u) => u.includes(PASSWORD) || /password=/i.test(u))).toEqual([]);
  await noJs.close();
  await signIn(page, LEAD.email);
  await expect(page.getByText("No projects yet")).toBeVisible();

  // The demo: real e-mails from the SpamAssassin corpus, through the normal import path.
  await page.getByRole("button", { name: "Load a demo project" }).click();
  await expect(page).toHaveURL(/\/imports$/);
  await expect(page.getByTestId("import-summary").first()).toContainText("300 added", { timeout: 60_000 });
  await page.getByRole("link", { name: "Items", exact: true }).click();
  await expect(page.getByRole("row")).toHaveCount(51); // header + a page of 50
  await expect(page.getByRole("link", { name: "Next →" })).toBeVisible();

  // Self sign-up is closed from now on.
  const stranger = await asNewPerson(browser);
  await stranger.goto("/setup");
  await expect(stranger).toHaveURL(/\/sign-in$/);

  // A project with labels; one label is required to be unique.
  const projectId = await createProject(page, "Product reviews", ["positive", "negative"]);
  const otherProjectId = await createProject(page, "Support tickets", ["bug", "question"]);

  // Upload a CSV with bad rows: the good rows land, the bad ones are reported by line.
  await page.goto(`/projects/${projectId}/imports`);
  await page.getByLabel("File (.csv, .jsonl, .json)").setInputFiles({ name: "reviews.csv", mimeType: "text/csv", buffer: Buffer.from(CSV) });
  await expect(page.getByLabel("Text column")).toHaveValue("review");
  await expect(page.getByLabel("ID column")).toHaveValue("id");
  await page.getByRole("button", { name: "Upload and import" }).click();
  const summary = page.getByTestId("import-summary").first();
  await expect(summary).toContainText("3 added");
  await expect(summary).toContainText("3 rejected");
  const rejected = page.getByRole("table", { name: "Rejected rows" });
  await expect(rejected).toBeVisible();
  await expect(rejected.getByRole("row")).toHaveCount(4); // header + 3
  await expect(rejected).toContainText('missing text: "review" is empty');
  await expect(rejected).toContainText("expected 3 fields (as in the header), found 4");
  await expect(rejected).toContainText('duplicate id "r1"');
  await expect(rejected.getByRole("row").nth(1)).toContainText("5"); // CSV line 5 (the r3 row starts on line 5)

  // Browse the items: text is shown as text, never as HTML.
  await page.getByRole("link", { name: "Items", exact: true }).click();
  await expect(page.getByRole("link", { name: "r1" })).toBeVisible();
  await expect(page.getByText("<img src=x onerror=alert(1)> looks fine")).toBeVisible();
  expect(await page.locator("img").count()).toBe(0);
  await page.getByLabel("Search text").fill("battery");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("link", { name: "r1" })).toBeVisible();
  await expect(page.getByRole("link", { name: "r2" })).toHaveCount(0);
  await page.getByRole("link", { name: "r1" }).click();
  await expect(page.getByTestId("item-text")).toHaveText("Great battery life");
  await expect(page.getByText('"stars": "5"')).toBeVisible();

  // Invite an annotator to the first project, and someone else to the second only.
  const annotatorLink = await invite(page, projectId, "ann@example.com");
  const outsiderLink = await invite(page, otherProjectId, "out@example.com");

  const annotator = await asNewPerson(browser);
  await acceptInvitation(annotator, annotatorLink, "Ann Annotator");
  await annotator.goto("/projects");
  await expect(annotator.getByRole("link", { name: /Product reviews/ })).toBeVisible();
  await expect(annotator.getByText("Support tickets")).toHaveCount(0);
  await expect(annotator.getByRole("link", { name: /Product reviews/ })).toContainText("Annotator");
  // Annotators review; they do not configure, import or manage members.
  await annotator.goto(`/projects/${projectId}`);
  await expect(annotator.getByRole("link", { name: "Import" })).toHaveCount(0);
  await annotator.goto(`/projects/${projectId}/settings`);
  await expect(annotator).toHaveURL(new RegExp(`/projects/${projectId}$`));
  // As the app's own page would send it (a cookie write needs the app's Origin).
  const sameOrigin = { origin: new URL(page.url()).origin };
  const annotatorUpload = await annotator.request.post(`/api/v1/projects/${projectId}/items?fileName=x.jsonl&textField=text`, {
    data: '{"text":"x"}',
    headers: sameOrigin,
  });
  expect(annotatorUpload.status()).toBe(403);

  // The invitation link works once.
  const reuse = await asNewPerson(browser);
  await reuse.goto(annotatorLink);
  await expect(reuse.getByText("already used")).toBeVisible();

  // Someone who is not a member of the project gets 404 on its pages and its API routes.
  // Accepting an invitation works without JavaScript too, and opens that project's review queue.
  const outsiderContext = await browser.newContext({ javaScriptEnabled: false });
  const outsider = await outsiderContext.newPage();
  await outsider.goto(outsiderLink);
  await outsider.getByLabel("Your name").fill("Oscar Outsider");
  await outsider.getByLabel("Password").fill(PASSWORD);
  await outsider.getByRole("button", { name: "Create account and join" }).click();
  await expect(outsider).toHaveURL(new RegExp(`/projects/${otherProjectId}/review$`));
  expect(outsider.url()).not.toContain(PASSWORD);
  for (const path of ["", "/items", "/imports", "/settings", "/members"]) {
    const res = await outsider.goto(`/projects/${projectId}${path}`);
    expect(res?.status(), `page /projects/${projectId}${path}`).toBe(404);
  }
  for (const path of ["/items", "/imports"]) {
    const res = await outsider.request.get(`/api/v1/projects/${projectId}${path}`);
    expect(res.status(), `GET /api/v1/projects/${projectId}${path}`).toBe(404);
  }
  const post = await outsider.request.post(`/api/v1/projects/${projectId}/items?fileName=x.jsonl&textField=text`, {
    data: '{"text":"x"}',
    headers: sameOrigin,
  });
  expect(post.status()).toBe(404);
  // The same request from a page of another origin is refused before anything else.
  const crossSite = await outsider.request.post(`/api/v1/projects/${projectId}/items?fileName=x.jsonl&textField=text`, {
    data: '{"text":"x"}',
    headers: { origin: "http://evil.example" },
  });
  expect(crossSite.status()).toBe(403);

  // The lead can still sign in again with the password (sessions are JWT, passwords bcrypt).
  const again = await asNewPerson(browser);
  await signIn(again, LEAD.email);
});
