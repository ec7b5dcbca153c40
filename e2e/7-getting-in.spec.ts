// Getting in and around: pages that do not exist say so in the app's layout with a way back, the
// app has its icons, an admin gets a locked-out member back in with a one-time link, and earlier
// prompt versions can be read, previewed and built on.
import { expect, test } from "@playwright/test";
import { PASSWORD, asNewPerson, seed, signIn, uniqueEmail } from "./helpers";

test("unknown addresses and other people's projects are 'not found' with a way back; icons are served", async ({ page, request }) => {
  const lead = uniqueEmail("lead");
  await seed(request, { people: [{ email: lead, name: "Lee Lead" }] });
  await page.goto("/no-such-page");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await signIn(page, lead);
  await page.goto("/projects/not-a-project/items");
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Goldset" })).toBeVisible(); // inside the app's own header
  await page.getByRole("link", { name: "Back to your projects" }).click();
  await expect(page).toHaveURL(/\/projects$/);

  for (const [path, type] of [
    ["/favicon.ico", /icon/],
    ["/icon.svg", /svg/],
    ["/apple-touch-icon.png", /png/],
    ["/manifest.webmanifest", /manifest|json/],
  ] as const) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(200);
    expect(res.headers()["content-type"], path).toMatch(type);
  }
  expect(await page.locator('link[rel="icon"]').count()).toBeGreaterThan(0);
});

test("an admin resets a member's password with a one-time link; the old password stops working", async ({ page, browser, request }) => {
  const admin = uniqueEmail("admin");
  const member = uniqueEmail("member");
  await seed(request, {
    people: [
      { email: admin, name: "Ada Admin", isAdmin: true },
      { email: member, name: "Mo Member" },
    ],
  });
  await signIn(page, admin);
  await page.goto("/admin");
  await page.getByRole("button", { name: "Reset the password of Mo Member" }).click();
  const link = await page.getByTestId("reset-link").inputValue();
  expect(link).toMatch(/\/reset\/[A-Za-z0-9_-]{20,}$/);

  const them = await asNewPerson(browser);
  await them.goto(link);
  await expect(them.getByText(member)).toBeVisible();
  await them.getByLabel("New password", { exact: true }).fill("a brand new password");
  await them.getByLabel("New password again").fill("a brand new password");
  await them.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(them).toHaveURL(/\/projects$/);
  // The link worked once.
  await them.goto(link);
  await expect(them.getByText("This link was already used")).toBeVisible();

  const other = await asNewPerson(browser);
  await other.goto("/sign-in");
  await other.getByLabel("Email").fill(member);
  await other.getByLabel("Password").fill(PASSWORD);
  await other.getByRole("button", { name: "Sign in" }).click();
  await expect(other.getByRole("alert")).toBeVisible();
  await expect(other).toHaveURL(/\/sign-in/);
});

test("an earlier prompt version opens read-only, is the base of a new one, and its request can be previewed", async ({ page, request }) => {
  const lead = uniqueEmail("lead");
  const { projectId } = await seed(request, {
    people: [{ email: lead, name: "Lee Lead", role: "LEAD" }],
    project: {
      name: "Prompts",
      labels: [{ name: "spam" }, { name: "ham" }],
      items: [
        { externalId: "a1", text: "Win a prize now", suggestion: { value: { label: "spam" }, confidence: 0.9 } },
        { externalId: "a2", text: "Lunch at noon?" },
      ],
    },
  });
  await signIn(page, lead);
  await page.goto(`/projects/${projectId}/runs`);
  // Version 1 came with the seed; save version 2 as few-shot (no gold yet: it says so).
  await page.getByLabel("Instructions").fill("Version two instructions.");
  await page.getByLabel("Strategy").selectOption("FEW_SHOT");
  await page.getByRole("button", { name: "Save as new version" }).click();
  await expect(page.getByRole("heading", { name: "Prompt · version 2" })).toBeVisible();
  await expect(page.getByTestId("few-shot-without-gold").first()).toContainText("no gold labels yet");

  await page.getByText("All versions (2)").click();
  await page.getByTestId("prompt-versions").getByRole("link", { name: "v1" }).click();
  await expect(page.getByRole("heading", { name: "Prompt · version 1 (earlier, read-only)" })).toBeVisible();
  await expect(page.getByTestId("read-only-prompt")).toContainText("Label the item.");
  await expect(page.getByLabel("Instructions")).toHaveCount(0);
  await expect(page.getByText("Uses prompt version 1.")).toBeVisible(); // a run started here runs v1 again

  await page.getByRole("link", { name: "Preview the request for an item" }).click();
  await expect(page.getByTestId("preview-system")).toContainText("Label the item.");
  await expect(page.getByTestId("preview-user").last()).toContainText("Win a prize now");
  await page.getByLabel("Item id").fill("a2");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByTestId("preview-user").last()).toContainText("Lunch at noon?");

  await page.goto(`/projects/${projectId}/runs`);
  await page.getByText("All versions (2)").click();
  await page.getByTestId("prompt-versions").getByRole("link", { name: "v1" }).click();
  await page.getByRole("link", { name: "Start a new version from this one" }).click();
  await expect(page.getByTestId("prompt-base")).toContainText("Starting from version 1: saving makes version 3");
  await expect(page.getByLabel("Instructions")).toHaveValue("Label the item.");
});
